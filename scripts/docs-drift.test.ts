// The docs drift check. VitePress fails its build on a snippet import of a missing file, but shows
// the whole file, silently, for a missing region; and nothing at all tells you that a region in a
// lesson is shown by no page, or that a README no longer matches its page. These tests do.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  checkPage,
  checkReadmesUpToDate,
  checkRegionsShown,
  checkSnippets,
  extractRegion,
  findSnippetRefs,
  lessonAgentFiles,
  listDocsPages,
  renderReadme,
  repoRoot,
} from './readmes.mjs';

/** Every problem on a line of its own, so a failure reads as a list of what to fix. */
const listed = (errors: string[]) => `\n${errors.join('\n')}\n`;

describe('docs drift: the pages, the lesson code and the READMEs agree', () => {
  it('every snippet in a page under docs/ names a file and a region that exist', () => {
    expect(listDocsPages(repoRoot).length).toBeGreaterThan(0);
    const { refs, errors } = checkSnippets(repoRoot);
    expect(refs.length).toBeGreaterThan(0);
    expect(errors, listed(errors)).toEqual([]);
  });

  it('every #region in examples/*/src/agent.ts is shown by some page', () => {
    expect(lessonAgentFiles(repoRoot).length).toBeGreaterThan(0);
    const errors = checkRegionsShown(repoRoot, checkSnippets(repoRoot).refs);
    expect(errors, listed(errors)).toEqual([]);
  });

  it('every README generated from docs/lessons is up to date (else: pnpm docs:readmes)', () => {
    const errors = checkReadmesUpToDate(repoRoot);
    expect(errors, listed(errors)).toEqual([]);
  });
});

describe('docs drift: the check fails when it should', () => {
  const page = 'docs/lessons/made-up.md';

  it('names the page, the line and the missing region', () => {
    const text = [
      '# A made-up page',
      '',
      '<<< @/../examples/greeting/src/agent.ts#greeter',
      '',
      '<<< @/../examples/greeting/src/agent.ts#no-such-region',
    ].join('\n');
    const { errors } = checkPage(text, repoRoot, { page });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(
      /^docs\/lessons\/made-up\.md:5: region "no-such-region" is not in examples\/greeting\/src\/agent\.ts \(regions there: .*greeter/,
    );
    // Generating a README from it fails the same way, instead of writing a README without the code.
    expect(() => renderReadme(text, repoRoot, { page })).toThrow(/made-up\.md:5: region "no-such-region"/);
  });

  it('names the page, the line and the missing file', () => {
    const text = 'Intro.\n\n<<< @/../examples/greting/src/agent.ts#greeter\n';
    expect(checkPage(text, repoRoot, { page }).errors).toEqual([
      'docs/lessons/made-up.md:3: file examples/greting/src/agent.ts does not exist (snippet examples/greting/src/agent.ts#greeter)',
    ]);
  });

  it('rejects a snippet that names no region, or points outside the repository', () => {
    const text = '<<< @/../examples/greeting/src/agent.ts\n\n<<< @/../../etc/passwd#x\n';
    const { errors } = checkPage(text, repoRoot, { page });
    expect(errors).toEqual([
      expect.stringMatching(/^docs\/lessons\/made-up\.md:1: .* names no region/),
      expect.stringMatching(/^docs\/lessons\/made-up\.md:3: .* outside the repository/),
    ]);
  });

  it('does not read snippet syntax inside a code fence as an import', () => {
    const text = ['```md', '<<< @/../examples/nowhere.ts#nothing', '```', '<<< @/../x.ts#y'].join('\n');
    expect(findSnippetRefs(text).map((ref) => ref.line)).toEqual([4]);
  });

  it('names the file, line and region that no page shows', () => {
    const { refs } = checkSnippets(repoRoot);
    const withoutEntry = refs.filter(
      (ref) => !(ref.file === 'examples/greeting/src/main.ts' && ref.region === 'entry'),
    );
    expect(checkRegionsShown(repoRoot, withoutEntry)).toEqual([
      expect.stringMatching(
        /^examples\/greeting\/src\/main\.ts:\d+: region "entry" is not shown by any page under docs\//,
      ),
    ]);
  });

  describe('in a made-up repository', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'docs-drift-'));
    afterAll(() => rmSync(root, { recursive: true, force: true }));
    const write = (file: string, text: string) => {
      mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      writeFileSync(path.join(root, file), text);
    };
    write(
      'examples/demo/src/agent.ts',
      [
        '// #region a',
        'export const a = 1;',
        '// #endregion a',
        '// #region b',
        'export const b = 2;',
        '',
      ].join('\n'),
    );
    write('docs/lessons/demo.md', '# Demo\n\n<<< @/../examples/demo/src/agent.ts#a\n');
    write('docs/guide/nested/deep.md', '# Deep\n\n<<< @/../examples/demo/src/agent.ts#c\n');
    write('examples/demo/README.md', 'an old README\n');

    it('finds pages recursively and names a bad one with its line', () => {
      expect(listDocsPages(root)).toEqual(['docs/guide/nested/deep.md', 'docs/lessons/demo.md']);
      expect(checkSnippets(root).errors).toEqual([
        expect.stringMatching(
          /^docs\/guide\/nested\/deep\.md:3: region "c" is not in examples\/demo\/src\/agent\.ts/,
        ),
      ]);
    });

    it('names a region that is never closed', () => {
      expect(checkRegionsShown(root, checkSnippets(root).refs)).toEqual([
        'examples/demo/src/agent.ts:4: region "b" has no "// #endregion b"',
      ]);
    });

    it('names a README that is out of date, and says how to fix it', () => {
      expect(checkReadmesUpToDate(root)).toEqual([
        'examples/demo/README.md is out of date with docs/lessons/demo.md: run pnpm docs:readmes (node scripts/readmes.mjs)',
      ]);
    });
  });
});

describe('readmes: what a README is made of', () => {
  it('cuts a region without its own markers or nested ones, dedented', () => {
    const file = [
      'class A {',
      '  // #region outer',
      '  method() {',
      '    // #region inner',
      '    return 1;',
      '    // #endregion inner',
      '  }',
      '  // #endregion outer',
      '}',
    ].join('\n');
    expect(extractRegion(file, 'outer')).toBe('method() {\n  return 1;\n}');
    expect(extractRegion(file, 'inner')).toBe('return 1;');
    expect(extractRegion(file, 'missing')).toBeUndefined();
  });

  it('replaces each snippet with a fenced block, points lesson links at READMEs, and says it is generated', () => {
    const readme = renderReadme(
      '# Title\n\nSee [lesson 2](./farewell.md#the-idea).\n\n<<< @/../examples/greeting/src/agent.ts#userdata\n',
      repoRoot,
      { page: 'docs/lessons/greeting.md', lessons: ['farewell'] },
    );
    const lines = readme.split('\n');
    expect(lines[0]).toBe(
      '<!-- Generated from docs/lessons/greeting.md by scripts/readmes.mjs: edit that file, then run pnpm docs:readmes. -->',
    );
    expect(readme).toContain('See [lesson 2](../farewell/README.md#the-idea).');
    expect(readme).toContain('```ts\n');
    expect(readme).toContain('export interface UserInfo {');
    expect(readme).not.toMatch(/#region|#endregion|<<</);
  });
});
