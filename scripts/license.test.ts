// The repo's code may be copied (lesson files into a learner's own project): a permissive LICENSE,
// and every workspace package says so, so no package is left without terms.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const workspaces = ['packages', 'examples'].flatMap((dir) =>
  readdirSync(join(root, dir)).map((name) => join(dir, name)),
);
const manifests = ['.', 'docs', ...workspaces]
  .map((dir) => join(dir, 'package.json'))
  .filter((path) => existsSync(join(root, path)));

describe('licence', () => {
  it('the repo has an MIT LICENSE and third-party notices', () => {
    expect(readFileSync(join(root, 'LICENSE'), 'utf8')).toMatch(/^MIT License/);
    expect(readFileSync(join(root, 'THIRD_PARTY_NOTICES.md'), 'utf8')).toContain('@livekit/agents');
  });

  it.each(manifests)('%s says "license": "MIT"', (path) => {
    expect(JSON.parse(readFileSync(join(root, path), 'utf8')).license).toBe('MIT');
  });
});
