// The exercises from the outside: --exercise and --check as flags, the check's report, and both
// as a learner runs them (a process, its output and its exit code).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stripVTControlCharacters as plain } from 'node:util';
import { describe, expect, it } from 'vitest';
import { readCatalogue, repoRoot } from '../lesson/catalogue.js';
import { parseCli } from './args.js';
import { usageErrorOf } from '../testing/cli-args.js';
import { usage } from './usage.js';
import type { TimedEvent } from '../trace/events.js';
import { exercisePath, hasExercise } from '../lesson/exercise-files.js';
import {
  type CheckOutcome,
  type VitestReport,
  formatCheck as formatWithColour,
  hintFrom,
} from './check-report.js';
import { readProgress } from '../lesson/progress.js';

/** The report as text, whether or not picocolors decided on colour here. */
const formatCheck = (...args: Parameters<typeof formatWithColour>): CheckOutcome => {
  const { passed, lines } = formatWithColour(...args);
  return { passed, lines: lines.map((line) => plain(line)) };
};

const root = repoRoot();
const lessons = readCatalogue();
const greeting = lessons.find((l) => l.name === 'greeting')!;
const farewell = lessons.find((l) => l.name === 'farewell')!;

const rejected = (...argv: string[]) => usageErrorOf(...argv).message;

describe('--exercise and --check, as flags', () => {
  it('every lesson has an exercise, a solution and its checks', () => {
    expect(lessons.filter((l) => !hasExercise(l)).map((l) => l.name)).toEqual([]);
  });

  it('parses them, with a lesson', () => {
    expect(parseCli(['greeting', '--check'], lessons)).toMatchObject({ check: true, exercise: false });
    expect(parseCli(['farewell', '--exercise', '--json'], lessons)).toMatchObject({
      lesson: { name: 'farewell' },
      exercise: true,
      json: true,
    });
    expect(parseCli(['greeting'], lessons)).toMatchObject({ check: false, exercise: false });
  });

  it('suggests them for a typo, and still suggests the old flags', () => {
    expect(rejected('greeting', '--chek')).toMatch(/^unknown option --chek\. Did you mean --check\?/);
    expect(rejected('greeting', '--exercize')).toMatch(
      /^unknown option --exercize\. Did you mean --exercise\?/,
    );
    expect(rejected('greeting', '--jsn')).toMatch(/^unknown option --jsn\. Did you mean --json\?/);
    expect(rejected('greeting', '--nope')).toMatch(
      /Valid: .*--exercise, --check, --watch, --hint, --reset\.$/,
    );
  });

  it('says what is wrong with a combination that cannot work', () => {
    expect(rejected('--check')).toBe('--check needs a lesson, for example: pnpm lesson greeting --check');
    expect(rejected('--exercise')).toMatch(/^--exercise needs a lesson/);
    expect(rejected('greeting', '--check', '--exercise')).toMatch(/one at a time/);
    expect(rejected('greeting', '--exercise', '--mode', 'local')).toMatch(
      /^--exercise works offline only.*Try: pnpm lesson greeting --exercise$/,
    );
    expect(rejected('greeting', '--check', '--json')).toMatch(/drop --json/);
    expect(rejected('greeting', '--watch')).toBe(
      '--watch goes with --check: pnpm lesson greeting --check --watch',
    );
    expect(rejected('greeting', '--hint', '--reset')).toBe('--hint and --reset: one at a time.');
    expect(rejected('--hint')).toBe('--hint needs a lesson, for example: pnpm lesson greeting --hint');
    expect(rejected('greeting', '--reset', '--mode', 'local')).toBe(
      '--reset takes no --mode. Try: pnpm lesson greeting --reset',
    );
    expect(rejected('greeting', '--hint', '--json')).toMatch(/^--hint prints its own report: drop --json/);
    expect(parseCli(['greeting', '--check', '--watch'], lessons)).toMatchObject({ check: true, watch: true });
  });

  it('are in the help', () => {
    expect(plain(usage(lessons))).toMatch(/--exercise {6}run your exercise/);
    expect(plain(usage(lessons))).toMatch(/--check {9}test your exercise/);
    expect(plain(usage(lessons))).toMatch(/--watch {9}with --check: check again on every save/);
    expect(plain(usage(lessons))).toMatch(/--hint {10}the next hint/);
    expect(plain(usage(lessons))).toMatch(/--reset {9}put the exercise back as committed in git/);
    expect(plain(usage(lessons))).toMatch(/LESSON_PROGRESS_FILE/);
  });
});

const failure = (message: string) =>
  `AssertionError: ${message}\n    at /work/x/exercise.test.ts:31:7\n    at async file:///runner.js:1:1`;

const report = (...tests: [string, 'passed' | 'failed', string?][]): VitestReport => ({
  testResults: [
    {
      name: '/x/examples/greeting/src/exercise.test.ts',
      status: tests.some(([, status]) => status === 'failed') ? 'failed' : 'passed',
      assertionResults: tests.map(([title, status, message]) => ({
        title,
        status,
        failureMessages: message ? [failure(message)] : [],
      })),
    },
  ],
});

describe("--check's report", () => {
  it('a mark a check; for the first failure its hint, then the next step', () => {
    const { passed, lines } = formatCheck(
      report(
        ['says good morning', 'failed', "At 9:00 say it: expected 'Hi' to contain 'Good morning'"],
        ['names the user', 'passed'],
        ['says good evening', 'failed', 'second hint'],
      ),
      { lesson: greeting, next: farewell },
    );
    expect(passed).toBe(false);
    expect(lines).toEqual([
      '  ✗ says good morning',
      '  ✓ names the user',
      '  ✗ says good evening',
      '',
      '1 of 3 checks pass.',
      'Hint: At 9:00 say it',
      'Next: edit examples/greeting/src/exercise.ts, then run pnpm lesson greeting --check again',
    ]);
    expect(lines.join('\n')).not.toMatch(/\n\s+at /);
  });

  it('all passing: done, and the next lesson (or the end)', () => {
    const all = report(['a', 'passed'], ['b', 'passed']);
    expect(formatCheck(all, { lesson: greeting, next: farewell })).toEqual({
      passed: true,
      lines: ['  ✓ a', '  ✓ b', '', 'All 2 checks pass. Done! Next: pnpm lesson farewell'],
    });
    expect(formatCheck(all, { lesson: greeting }).lines.at(-1)).toMatch(/Done! That was the last exercise/);
  });

  it('checks that were all skipped (a run cut short) are not a pass', () => {
    const skipped: VitestReport = {
      testResults: [{ name: 'x', status: 'skipped', assertionResults: [{ title: 'a', status: 'skipped' }] }],
    };
    const { passed, lines } = formatCheck(skipped, { lesson: greeting, next: farewell });
    expect(passed).toBe(false);
    expect(lines.at(-1)).toMatch(/^No check ran to the end\. Next: edit examples\/greeting/);
    expect(lines.join('\n')).not.toMatch(/Done/);
  });

  it('an exercise that does not load is a failure with a hint, not a stack trace', () => {
    const broken: VitestReport = {
      testResults: [{ name: 'x', status: 'failed', message: 'oops is not defined', assertionResults: [] }],
    };
    const { passed, lines } = formatCheck(broken, { lesson: greeting, next: farewell });
    expect(passed).toBe(false);
    expect(lines[0]).toBe('  ✗ examples/greeting/src/exercise.ts did not load: oops is not defined');
    expect(lines.at(-1)).toMatch(/^Next: edit examples\/greeting\/src\/exercise\.ts/);
  });

  it('hints: the message without the stack, the class name, or vitest’s own tail', () => {
    expect(hintFrom(failure("Say hi: expected 'a' to contain 'b'"))).toBe('Say hi');
    expect(hintFrom(failure('expected 1 to be 2'))).toBe('expected 1 to be 2');
    expect(hintFrom('TypeError: x is undefined\n    at y')).toBe('TypeError: x is undefined');
    expect(hintFrom('Error: Test timed out in 30000ms.')).toMatch(/never finished/);
  });
});

// ---- As a learner runs them.

interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
  /** The progress file this run kept (a fresh one per run, not the learner's). */
  progress: string;
}

/**
 * `pnpm lesson …` without the pnpm launcher, outside this vitest (its variables dropped). Each run
 * keeps its progress in a file of its own, so runs side by side never read each other's.
 */
function lesson(args: string[], env: Record<string, string> = {}): Promise<Finished> {
  const progress = join(mkdtempSync(join(tmpdir(), 'lesson-progress-')), 'progress.json');
  const clean = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST')));
  const child = spawn('node', ['packages/kit/bin/lesson.mjs', ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...clean, NO_COLOR: '1', LESSON_PROGRESS_FILE: progress, ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr, progress })));
}

/**
 * Is examples/greeting/src/exercise.ts the starter as committed? Someone doing the exercise in
 * this checkout has changed it, and then the starter's check may well pass.
 */
function starterUntouched(): boolean {
  const path = exercisePath(greeting);
  const committed = spawnSync('git', ['show', `HEAD:${path}`], { cwd: root, encoding: 'utf8' });
  if (committed.status !== 0) return true; // not committed yet (or no git): this is the starter
  return committed.stdout === readFileSync(`${root}/${path}`, 'utf8');
}

// Side by side: each is a process of its own (a check, a vitest of its own too) with a progress
// file of its own, and --check starts no livekit-server (runCheck sets LESSON_SKIP_ROOM_TESTS), so
// nothing is shared. One after another they were four process starts and framework loads in a
// row (12 s on two cores); side by side they fill both cores for a few seconds instead.
describe.concurrent('pnpm lesson <name> --exercise / --check', { timeout: 90_000 }, () => {
  it.skipIf(!starterUntouched())(
    '--check on the untouched starter: exit 1, a ✗, a hint and the next step, no stack trace',
    async () => {
      const { code, stdout, stderr, progress } = await lesson(['greeting', '--check']);
      expect(stderr).toBe('');
      expect(code).toBe(1);
      expect(stdout).toMatch(/^Checking examples\/greeting\/src\/exercise\.ts/);
      expect(stdout).toMatch(/ {2}✗ at the boundary 11:00, onEnter asks for a good-morning greeting/);
      expect(stdout).toMatch(/ {2}✓ still greets the user by name/);
      expect(stdout).toMatch(
        /\nHint: At 11:00 onEnter asked "Greet Ada personally and offer your assistance\.", but 11:00 is morning/,
      );
      expect(stdout).toMatch(/\nStuck\? pnpm lesson greeting --hint gives a hint \(\d+ in all/);
      expect(stdout).toMatch(
        /\nNext: edit examples\/greeting\/src\/exercise\.ts, then run pnpm lesson greeting --check again\n$/,
      );
      expect(stdout).not.toMatch(/\n\s+at /);
      // What pnpm lesson lists: the learner's exercise, checked and not passing.
      expect(readProgress(progress).lessons.greeting?.check).toMatchObject({ passed: false });
    },
  );

  it('--check against the solution: every check passes, exit 0, and the next lesson', async () => {
    const { code, stdout, stderr, progress } = await lesson(['greeting', '--check'], {
      LESSON_EXERCISE_FILE: 'solution',
    });
    expect(stderr).toBe('');
    expect(stdout).toMatch(/^Checking examples\/greeting\/src\/solution\.ts/);
    expect(stdout).not.toMatch(/✗/);
    expect(stdout).toMatch(/All 6 checks pass\. Done! Next: pnpm lesson farewell\n$/);
    expect(code).toBe(0);
    // Passing the solution is not the learner's progress.
    expect(readProgress(progress).lessons.greeting?.check?.passed).not.toBe(true);
  });

  it('--check against a cheat (LESSON_EXERCISE_FILE=cheats/<name>): exit 1, the check that caught it, its hint', async () => {
    const { code, stdout, stderr } = await lesson(['turn-context', '--check'], {
      LESSON_EXERCISE_FILE: 'cheats/literal-address',
    });
    expect(stderr).toBe('');
    expect(stdout).toMatch(
      /^Checking examples\/turn-context\/src\/cheats\/literal-address\.ts \(LESSON_EXERCISE_FILE=cheats\/literal-address\)/,
    );
    expect(stdout).toMatch(/ {2}✗ the model is never given an address/);
    expect(stdout).toMatch(/\nHint: The model was given "bob\.smith\+x@mail\.co\.uk"/);
    expect(code).toBe(1);
  });

  it('--exercise plays the exercise like the lesson: its agent, its script, the JSON stream', async () => {
    const { code, stdout, stderr } = await lesson(['greeting', '--exercise', '--json'], {
      LESSON_EXERCISE_FILE: 'solution',
    });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const events = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as TimedEvent);
    expect(events.find((e) => e.type === 'hook')).toMatchObject({ hook: 'onEnter', agent: 'Greeter' });
    const greeting = events.find((e) => e.type === 'message' && e.role === 'assistant');
    // The solution's greeting, by the clock: so the exercise module ran, not the lesson's agent.
    expect(greeting).toMatchObject({
      text: expect.stringMatching(/^Good (morning|afternoon|evening), Ada!/),
    });
    expect(events.at(-1)).toMatchObject({ type: 'close', reason: 'user_initiated' });
  });
});
