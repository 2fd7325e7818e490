// The loop around an exercise: hints one at a time, --reset from git, the list's progress marks,
// and --check --watch re-checking on a save. Each works on files of its own (a temporary git repo,
// a copy of the greeting exercise, a temporary progress file), never on the learner's.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stripVTControlCharacters as plain } from 'node:util';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type Lesson, readCatalogue, repoRoot } from '../lesson/catalogue.js';
import { hasExercise } from '../lesson/exercise-files.js';
import { readHints, showNextHint } from './hints.js';
import { formatCatalogue } from './list.js';
import { readProgress, recordCheck } from '../lesson/progress.js';
import { resetExercise } from './reset.js';
import { relativeImports, watchCheck } from './watch.js';

const root = repoRoot();
const lessons = readCatalogue();
const greeting = lessons.find((l) => l.name === 'greeting')!;
const scratch = () => mkdtempSync(join(tmpdir(), 'lesson-loop-'));

/** What `run` wrote to stdout and stderr, as plain text. */
async function captured<T>(run: () => T | Promise<T>) {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += chunk), true));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += chunk), true));
  try {
    const result = await run();
    return { result, stdout: plain(stdout), stderr: plain(stderr) };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

afterEach(() => vi.restoreAllMocks());

describe('--hint', () => {
  it('every exercise has hints, and no hint is a line of the answer', () => {
    for (const lesson of lessons.filter(hasExercise)) {
      const hints = readHints(lesson);
      expect(hints.length, `${lesson.name}: at least two hints`).toBeGreaterThanOrEqual(2);
      const src = (file: string) => readFileSync(join(lesson.dir, 'src', file), 'utf8').split('\n');
      const starter = new Set(src('exercise.ts').map((l) => l.trim()));
      // The lines the solution has and the starter has not are the answer.
      const answer = src('solution.ts')
        .map((l) => l.trim())
        .filter((l) => l.length >= 20 && !l.startsWith('//') && !starter.has(l));
      for (const hint of hints) for (const line of answer) expect(hint).not.toContain(line);
    }
  });

  it('gives the hints in order, one a time, then runs out politely', async () => {
    const progress = join(scratch(), 'progress.json');
    const hints = readHints(greeting);
    for (const [i, hint] of hints.entries()) {
      const { result, stdout } = await captured(() => showNextHint(greeting, progress));
      expect(result).toBe(0);
      expect(stdout).toContain(`Hint ${i + 1} of ${hints.length} (greeting): ${hint}\n`);
    }
    const { result, stdout } = await captured(() => showNextHint(greeting, progress));
    expect(result).toBe(0);
    expect(stdout).toMatch(/^That was every hint for greeting \(4 of 4\)\. The last one again:\n/);
    expect(stdout).toContain('pnpm lesson greeting --check says which check fails');
    expect(readProgress(progress).lessons.greeting?.hintsShown).toBe(hints.length);
  });
});

describe('--reset', () => {
  const path = 'examples/greeting/src/exercise.ts';
  /** A git checkout with one committed exercise file, and a lesson pointing into it. */
  function checkout(withGit = true) {
    const dir = scratch();
    mkdirSync(join(dir, 'examples/greeting/src'), { recursive: true });
    writeFileSync(join(dir, path), 'export const starter = true;\n');
    if (withGit) {
      const git = (...args: string[]) =>
        spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd: dir });
      git('init', '-q');
      git('add', '.');
      git('commit', '-qm', 'starter');
    }
    const lesson: Lesson = { ...greeting, dir: join(dir, 'examples/greeting') };
    return { dir, lesson, progress: join(dir, 'progress.json') };
  }

  it('restores the committed file, keeps the learner’s beside it, and starts the progress over', async () => {
    const { dir, lesson, progress } = checkout();
    recordCheck(lesson, true, progress);
    writeFileSync(join(dir, path), 'broken(;\n');
    const { result, stdout } = await captured(() => resetExercise(lesson, { root: dir, progress }));
    expect(result).toBe(0);
    expect(stdout).toMatch(/^Resetting examples\/greeting\/src\/exercise\.ts to its starting state/);
    expect(stdout).toContain('kept beside it, as examples/greeting/src/exercise.ts.mine');
    expect(readFileSync(join(dir, path), 'utf8')).toBe('export const starter = true;\n');
    expect(readFileSync(join(dir, `${path}.mine`), 'utf8')).toBe('broken(;\n');
    expect(readProgress(progress).lessons.greeting).toBeUndefined();

    // A second reset keeps the first kept copy too.
    writeFileSync(join(dir, path), 'second try\n');
    await captured(() => resetExercise(lesson, { root: dir, progress }));
    expect(readFileSync(join(dir, `${path}.mine`), 'utf8')).toBe('broken(;\n');
    expect(readFileSync(join(dir, `${path}.mine-2`), 'utf8')).toBe('second try\n');

    const again = await captured(() => resetExercise(lesson, { root: dir, progress }));
    expect(again.stdout).toMatch(/already the starting file: nothing to reset/);
  });

  it('refuses politely outside a git checkout, and changes nothing', async () => {
    const { dir, lesson, progress } = checkout(false);
    writeFileSync(join(dir, path), 'mine\n');
    const { result, stdout, stderr } = await captured(() => resetExercise(lesson, { root: dir, progress }));
    expect(result).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^error: --reset restores the exercise from git, and .* is not a git checkout\./);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(readFileSync(join(dir, path), 'utf8')).toBe('mine\n');
    expect(existsSync(join(dir, `${path}.mine`))).toBe(false);
  });

  it('the kept copies are git-ignored, and so is the progress file', () => {
    const ignored = spawnSync(
      'git',
      [
        'check-ignore',
        '.lessons-progress.json',
        `${'examples/greeting/src/exercise.ts'}.mine`,
        'x/../examples/greeting/src/exercise.ts.mine-3',
      ],
      { cwd: root, encoding: 'utf8' },
    );
    expect(ignored.stdout.trim().split('\n')).toHaveLength(3);
  });
});

describe('pnpm lesson (the list)', () => {
  it('marks a passed exercise done, an edited one, and suggests the next', () => {
    const dir = scratch();
    const progress = join(dir, 'progress.json');
    const copy = (l: Lesson): Lesson => {
      mkdirSync(join(dir, l.name, 'src'), { recursive: true });
      cpSync(join(l.dir, 'src/exercise.ts'), join(dir, l.name, 'src/exercise.ts'));
      return { ...l, dir: join(dir, l.name) };
    };
    const mine = lessons.map(copy);
    const list = () => plain(formatCatalogue(mine, readProgress(progress)));
    expect(list()).toMatch(/^.*\nNext: pnpm lesson greeting {2}\(add --help/);

    recordCheck(mine[0]!, true, progress);
    recordCheck(mine[1]!, false, progress);
    expect(list()).toMatch(/\nNext: pnpm lesson farewell, then its exercise \(1 of 6 done\)\n/);
    expect(list()).toMatch(/ greeting .* ✓ done\n/);
    expect(list()).toMatch(/ farewell .* ✗ not yet\n/);

    writeFileSync(join(mine[0]!.dir, 'src/exercise.ts'), '// changed since\n');
    expect(list()).toMatch(/ greeting .* \? edited since it passed\n/);
    expect(list()).toMatch(/\nNext: pnpm lesson greeting /);

    for (const l of mine) recordCheck(l, true, progress);
    expect(list()).toMatch(/\nEvery exercise passes \(6 of 6\)\. Well done!\n/);
  });
});

describe('--check --watch', { timeout: 120_000 }, () => {
  it('watches the exercise and the files it imports by relative path, not packages', () => {
    const files = relativeImports(join(greeting.dir, 'src/exercise.ts')).map((f) => f.slice(root.length + 1));
    expect(files[0]).toBe('examples/greeting/src/exercise.ts');
    expect(files).toContain('examples/greeting/src/agent.ts');
    expect(files.every((f) => f.startsWith('examples/greeting/src/') && f.endsWith('.ts'))).toBe(true);
  });

  // A copy of the greeting exercise inside the lesson's folder (so its imports resolve as they do
  // in src/), on which the watch runs while the test edits it as a learner would.
  const copyDir = join(greeting.dir, `watch-test-${process.pid}`);
  afterEach(() => rmSync(copyDir, { recursive: true, force: true }));

  it('checks, shows a syntax error as one line, re-checks on a save, and the list shows the pass', async () => {
    cpSync(join(greeting.dir, 'src'), join(copyDir, 'src'), {
      recursive: true,
      filter: (src) => !/\.test\.ts$/.test(src) || src.endsWith('exercise.test.ts'),
    });
    const lesson: Lesson = { ...greeting, dir: copyDir };
    const exercise = join(copyDir, 'src/exercise.ts');
    const progress = join(scratch(), 'progress.json');
    const outcomes: (boolean | undefined)[] = [];
    let checked!: () => void;
    const nextCheck = () => new Promise<void>((resolve) => (checked = resolve));
    let stop!: () => void;
    const stopped = new Promise<void>((resolve) => (stop = resolve));
    let waiting = nextCheck();
    const { result, stdout } = await captured(async () => {
      const watching = watchCheck(lesson, lessons[1], {
        root,
        progress,
        stop: stopped,
        onChecked: (passed) => {
          outcomes.push(passed);
          checked();
        },
      });
      await waiting; // the first check, of the starter: not yet
      waiting = nextCheck();
      writeFileSync(
        exercise,
        readFileSync(exercise, 'utf8').replace('const { userName }', 'const { userName '),
      );
      await waiting; // a half-typed line
      waiting = nextCheck();
      writeFileSync(exercise, readFileSync(join(copyDir, 'src/solution.ts'), 'utf8'));
      await waiting; // the answer, saved
      stop();
      return watching;
    });
    expect(result).toBe(130);
    expect(outcomes).toEqual([false, undefined, true]);
    const checks = stdout.split(/─{60}\n/);
    expect(checks).toHaveLength(3);
    expect(checks[0]).toMatch(/ ✗ at the boundary 11:00, onEnter asks for a good-morning greeting/);
    expect(checks[0]).toMatch(/\nStuck\? pnpm lesson greeting --hint gives a hint/);
    expect(checks[1]).toMatch(/\(saved examples\/greeting\/watch-test-\d+\/src\/exercise\.ts\)/);
    expect(checks[1]).toMatch(
      / ✗ examples\/greeting\/watch-test-\d+\/src\/exercise\.ts:\d+:\d+: Expected "}"/,
    );
    expect(checks[1]).not.toMatch(/\n\s+at /);
    expect(checks[2]).toMatch(/All \d+ checks pass\. Done! Next: pnpm lesson farewell/);
    expect(checks[2]).toMatch(/Stopped watching\.\n$/);
    expect(plain(formatCatalogue([lesson, ...lessons.slice(1)], readProgress(progress)))).toMatch(
      / greeting .* ✓ done\n/,
    );
  });
});
