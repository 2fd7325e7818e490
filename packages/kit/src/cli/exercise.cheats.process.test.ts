// Checks that test the skill: every exercise ships wrong answers that passed its old check
// (src/cheats/*.ts: hard-coded inputs, a fixed say(), a guess from the words). Each must fail
// today's check, with a hint, as --check would print it. One nested vitest runs every exercise's
// checks against all its cheats at once (LESSON_CHECKED_FILE=cheats), rather than a --check per cheat.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCatalogue, repoRoot } from '../lesson/catalogue.js';
import { type VitestReport, formatCheck } from './check-report.js';

const root = repoRoot();
const lessons = readCatalogue();
const cheats = lessons.flatMap((lesson) =>
  readdirSync(join(lesson.dir, 'src', 'cheats'))
    .filter((file) => file.endsWith('.ts'))
    .map((file) => ({ lesson, cheat: file.slice(0, -3) })),
);

describe('every exercise catches its cheats', { timeout: 240_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'lesson-cheats-'));
  let report: VitestReport;
  let nestedErrors = '';
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  beforeAll(async () => {
    const outputFile = join(dir, 'report.json');
    const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST')));
    const files = lessons.map((lesson) => `examples/${lesson.name}/src/exercise.test.ts`);
    await new Promise((resolve, reject) => {
      const child = spawn(
        join(root, 'node_modules', '.bin', 'vitest'),
        ['run', ...files, '--reporter=json', `--outputFile=${outputFile}`],
        {
          cwd: root,
          env: { ...env, LESSON_CHECKED_FILE: 'cheats', NO_COLOR: '1', LESSON_SKIP_ROOM_TESTS: '1' },
          stdio: ['ignore', 'ignore', 'pipe'],
        },
      );
      // If the nested run fails as a whole, its last words say why (the tests below name this).
      child.stderr!.on('data', (chunk) => (nestedErrors = (nestedErrors + chunk).slice(-2000)));
      child.on('error', reject);
      child.on('close', resolve);
    });
    report = JSON.parse(readFileSync(outputFile, 'utf8')) as VitestReport;
  }, 240_000);

  it('every exercise ships at least three cheats', () => {
    for (const lesson of lessons) {
      expect(cheats.filter((c) => c.lesson === lesson).length, lesson.name).toBeGreaterThanOrEqual(3);
    }
  });

  it.each(cheats.map(({ lesson, cheat }) => [lesson.name, cheat, lesson] as const))(
    '%s: cheats/%s fails the check, with a hint',
    (_name, cheat, lesson) => {
      const file = report.testResults.find((r) =>
        r.name.endsWith(`examples/${lesson.name}/src/exercise.test.ts`),
      );
      expect(
        file,
        `no report for ${lesson.name}'s checks. The nested vitest said:\n${nestedErrors}`,
      ).toBeDefined();
      // The checks of this cheat: their describe title names it.
      const mine = file!.assertionResults.filter((r) => (r.fullName ?? '').includes(`(cheat ${cheat})`));
      expect(mine.length, `no checks ran against cheats/${cheat}`).toBeGreaterThan(0);
      const outcome = formatCheck(
        { testResults: [{ ...file!, assertionResults: mine }] },
        { lesson, file: `cheats/${cheat}` },
      );
      expect(outcome.passed, outcome.lines.join('\n')).toBe(false);
      expect(outcome.lines.find((line) => line.startsWith('Hint:'))).toMatch(/^Hint: \S/);
    },
  );
});
