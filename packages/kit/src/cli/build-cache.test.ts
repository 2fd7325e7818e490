// The build cache (bin/build.mjs): parallel runs and clean-up must not break a running lesson.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { markInUse, removeUnusedBuilds } from '../../bin/build.mjs';

const HOUR = 3600_000;
let root: string;
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
  vi.restoreAllMocks();
});

function builds(...names: [string, number][]): void {
  root = mkdtempSync(join(tmpdir(), 'lesson-builds-'));
  for (const [name, hoursAgo] of names) {
    mkdirSync(join(root, name));
    const when = new Date(Date.now() - hoursAgo * HOUR);
    utimesSync(join(root, name), when, when);
  }
}

describe('build cache clean-up', () => {
  it('removes builds unused for hours, keeps the current one and one a running lesson has used', () => {
    builds(['current', 9], ['old', 7], ['in-use', 7], ['recent', 1]);
    markInUse(join(root, 'in-use')); // what a run does with the build it loads from
    removeUnusedBuilds(root, 'current');
    expect(readdirSync(root).sort()).toEqual(['current', 'in-use', 'recent']);
  });

  it('an entry another run removes meanwhile is not an error (the parallel-build ENOENT race)', () => {
    builds(['old', 7]);
    const list = [...readdirSync(root), 'tmp-renamed-by-another-run'];
    expect(() => removeUnusedBuilds(root, 'current', Date.now(), list)).not.toThrow();
    expect(readdirSync(root)).toEqual([]);
  });
});
