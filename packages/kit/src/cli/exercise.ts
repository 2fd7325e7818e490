// The exercises: `pnpm lesson <name> --exercise` runs the learner's src/exercise.ts the way the
// lesson runs; `pnpm lesson <name> --check` runs its tests (src/exercise.test.ts, with vitest)
// against that file and says, per check, what passed, what to change, and what comes next.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { pc } from '../term/colors.js';
import { type Lesson, repoRoot } from '../lesson/catalogue.js';
import type { CliHost, ExerciseFile } from '../run/host.js';
import { readHints } from './hints.js';
import { recordCheck } from '../lesson/progress.js';

/**
 * The file `--check` and `--exercise` use: `exercise` (the learner's), unless LESSON_EXERCISE_FILE
 * says `solution` (the kit's own tests, and an instructor showing the answer) or `cheats/<name>`
 * (one of the wrong answers in src/cheats/ that the checks must catch).
 */
export function exerciseFileFrom(env: NodeJS.ProcessEnv = process.env): ExerciseFile {
  const file = env.LESSON_EXERCISE_FILE;
  if (file === 'solution' || /^cheats\/[\w-]+$/.test(file ?? '')) return file as ExerciseFile;
  return 'exercise';
}

/** The repo-relative path of a lesson's exercise (or solution) file. */
export function exercisePath(lesson: Pick<Lesson, 'name'>, file: ExerciseFile = 'exercise'): string {
  return `examples/${lesson.name}/src/${file}.ts`;
}

/** Does the lesson come with an exercise to run and check? */
export function hasExercise(lesson: Pick<Lesson, 'dir'>): boolean {
  const src = join(lesson.dir, 'src');
  return ['exercise.ts', 'solution.ts', 'exercise.test.ts'].every((file) => existsSync(join(src, file)));
}

/** The host, loading the lesson's exercise (and the exercise's own script) in place of its agent. */
export function exerciseHost(host: CliHost, file: ExerciseFile = exerciseFileFrom()): CliHost {
  const { loadExercise } = host;
  if (!loadExercise) throw new Error('this launcher cannot load exercises');
  return { ...host, loadLesson: (lesson) => loadExercise(lesson, file) };
}

// ---- --check

/** The parts of vitest's JSON report that --check reads. */
export interface VitestReport {
  numTotalTests?: number;
  testResults: {
    name: string;
    status: string;
    /** Why the file failed as a whole (it did not load, say). */
    message?: string;
    assertionResults: {
      title: string;
      fullName?: string;
      status: 'passed' | 'failed' | 'skipped' | 'pending' | 'todo' | string;
      failureMessages?: string[];
    }[];
  }[];
}

export interface CheckOutcome {
  /** Every check passed (and there was at least one). */
  passed: boolean;
  /** What to print, one line an element. */
  lines: string[];
}

/**
 * The hint in a failure: the assertion's message, without the stack, the error's class name or,
 * when the test gave its own message, vitest's "expected … to …" tail.
 */
export function hintFrom(failure: string): string {
  const first = failure.split('\n')[0]!.trim();
  let hint = first.replace(/^AssertionError: /, '');
  const tail = hint.indexOf(': expected ');
  if (tail > 0) hint = hint.slice(0, tail);
  if (/timed out in \d+ms/i.test(hint)) {
    hint +=
      ' Something your code awaits never finished: a waitForPlayout() on the speech the tool itself belongs to?';
  }
  return hint;
}

/** Turn vitest's report into the lines --check prints. */
export function formatCheck(
  report: VitestReport,
  {
    lesson,
    next,
    file = 'exercise',
    hints = 0,
    watching = false,
  }: {
    lesson: Pick<Lesson, 'name'>;
    next?: Pick<Lesson, 'name'>;
    file?: ExerciseFile;
    /** How many --hint hints the lesson has: a failure says they are there. */
    hints?: number;
    /** Under --watch, a save re-checks: say so rather than "run --check again". */
    watching?: boolean;
  },
): CheckOutcome {
  const path = exercisePath(lesson, file);
  const again = watching
    ? `edit ${path} and save it: it is checked again at once`
    : `edit ${path}, then run pnpm lesson ${lesson.name} --check again`;
  const stuck = hints
    ? [
        `Stuck? ${pc.bold(`pnpm lesson ${lesson.name} --hint`)} gives a hint (${hints} in all, one at a time).`,
      ]
    : [];
  const lines: string[] = [];
  const results = report.testResults.flatMap((r) => r.assertionResults);
  const broken = report.testResults.find((r) => r.status === 'failed' && r.assertionResults.length === 0);
  if (broken || results.length === 0) {
    const syntax = syntaxError(broken?.message ?? '');
    if (syntax) {
      lines.push(`  ${pc.red('✗')} ${syntax.where}: ${syntax.what}`);
      if (syntax.code !== undefined) lines.push(`    ${syntax.where.split(':')[1]} | ${syntax.code}`);
      lines.push('');
      lines.push(
        `${pc.yellow('Hint:')} the file does not compile: fix that line (a typo or a bracket, most likely).`,
      );
    } else {
      const why = broken?.message?.split('\n')[0]?.trim() || 'no checks ran';
      lines.push(`  ${pc.red('✗')} ${path} did not load: ${why}`);
      lines.push('');
      lines.push(
        `${pc.yellow('Hint:')} look for a typo or a missing import near your change (pnpm typecheck helps).`,
      );
    }
    lines.push(...stuck, `Next: ${again}`);
    return { passed: false, lines };
  }
  for (const result of results) {
    const mark =
      result.status === 'passed' ? pc.green('✓') : result.status === 'failed' ? pc.red('✗') : pc.dim('-');
    lines.push(`  ${mark} ${result.title}`);
  }
  const failed = results.filter((r) => r.status === 'failed');
  const passed = results.filter((r) => r.status === 'passed');
  lines.push('');
  if (failed.length === 0 && passed.length === 0) {
    // Every check skipped: a run cut short (Ctrl+C), not a pass.
    lines.push(`No check ran to the end. Next: ${again}`);
    return { passed: false, lines };
  }
  if (failed.length === 0) {
    lines.push(
      `${pc.green(`All ${passed.length} checks pass.`)} ${pc.bold('Done!')} ` +
        (next
          ? `Next: ${pc.bold(`pnpm lesson ${next.name}`)}`
          : `That was the last exercise: ${pc.bold('pnpm lesson')} lists them all.`),
    );
    return { passed: passed.length > 0, lines };
  }
  const first = failed[0]!;
  lines.push(`${passed.length} of ${results.length} checks pass.`);
  lines.push(`${pc.yellow('Hint:')} ${hintFrom(first.failureMessages?.[0] ?? first.title)}`);
  lines.push(...stuck, `Next: ${again}`);
  return { passed: false, lines };
}

/**
 * A compile error in vitest's "Transform failed" message (drawn with colours and box lines):
 * where (file:line:col), what, and the line itself when the file can be read.
 */
export function syntaxError(
  message: string,
  root = repoRoot(),
): { where: string; what: string; code?: string } | undefined {
  const text = stripVTControlCharacters(message);
  const where = /([\w./-]+\.[cm]?[jt]sx?):(\d+):(\d+)/.exec(text);
  if (!where || !/Transform failed|PARSE_ERROR|SyntaxError/.test(text)) return undefined;
  const what = /\[[A-Z_]+\]\s*(.+)/.exec(text)?.[1]?.trim() ?? 'syntax error';
  let code: string | undefined;
  try {
    code = readFileSync(join(root, where[1]!), 'utf8').split('\n')[Number(where[2]) - 1]?.trim();
  } catch {
    code = undefined;
  }
  return { where: where[0], what, code };
}

const CHECK_TIMEOUT_MS = 180_000;

/**
 * `pnpm lesson <name> --check`: run the lesson's exercise tests with vitest against the
 * learner's file, print the outcome, and return the exit code (0: all pass, 1: not yet).
 */
export async function runCheck(
  lesson: Lesson,
  next: Lesson | undefined,
  { root = repoRoot(), file = exerciseFileFrom() }: { root?: string; file?: ExerciseFile } = {},
): Promise<number> {
  const vitest = join(root, 'node_modules', '.bin', 'vitest');
  if (!existsSync(vitest)) {
    process.stderr.write(`${pc.red('error:')} vitest is not installed here: run pnpm install first.\n`);
    return 1;
  }
  process.stdout.write(
    `Checking ${pc.bold(exercisePath(lesson, file))}` +
      `${file === 'exercise' ? '' : ` (LESSON_EXERCISE_FILE=${file})`}…\n`,
  );
  const dir = mkdtempSync(join(tmpdir(), 'lesson-check-'));
  const outputFile = join(dir, 'report.json');
  // The child is a fresh vitest: nothing of a vitest this runs inside (the kit's own tests), and
  // no demand for room tests (the checks are offline).
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      ([key]) => !key.startsWith('VITEST') && key !== 'LESSONS_REQUIRE_ROOM_TESTS',
    ),
  );
  let interrupted = false;
  let timedOut = false;
  try {
    const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
      const child = spawn(
        vitest,
        [
          'run',
          `examples/${lesson.name}/src/exercise.test.ts`,
          '--reporter=json',
          `--outputFile=${outputFile}`,
        ],
        {
          cwd: root,
          // Exercise tests need no livekit-server: do not start one for them.
          env: { ...env, LESSON_EXERCISE: file, NO_COLOR: '1', LESSONS_SKIP_ROOM_TESTS: '1' },
          stdio: ['ignore', 'ignore', 'pipe'],
        },
      );
      let stderr = '';
      child.stderr!.on('data', (chunk) => (stderr = (stderr + chunk).slice(-8000)));
      const stop = () => {
        interrupted = true;
        child.kill('SIGTERM');
      };
      const timer = setTimeout(() => {
        timedOut = true;
        child.kill('SIGTERM');
      }, CHECK_TIMEOUT_MS);
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      child.on('error', reject);
      child.on('close', (code) => {
        clearTimeout(timer);
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        resolve({ code, stderr });
      });
    });
    if (interrupted) {
      process.stdout.write(pc.dim('Stopped: the checks did not finish.\n'));
      return 130;
    }
    let report: VitestReport | undefined;
    try {
      report = JSON.parse(readFileSync(outputFile, 'utf8')) as VitestReport;
    } catch {
      report = undefined;
    }
    if (!report) {
      // vitest stopped before it could report: say the first line of why, without its stack.
      const why = timedOut
        ? `they did not finish in ${CHECK_TIMEOUT_MS / 60_000} minutes`
        : (stripAnsi(stderr)
            .split('\n')
            .map((line) => line.trim())
            .find((line) => /error/i.test(line) && !line.startsWith('at ') && !line.startsWith('❯')) ??
          `vitest exited with ${code ?? 'a signal'}`);
      process.stdout.write(
        `  ${pc.red('✗')} the checks could not run: ${why}\n\nNext: edit ${exercisePath(lesson, file)}, ` +
          `then run pnpm lesson ${lesson.name} --check again\n`,
      );
      return 1;
    }
    const outcome = formatCheck(report, { lesson, next, file, hints: readHints(lesson).length });
    // Only the learner's own file counts towards their progress (not a check of the solution).
    if (file === 'exercise') recordCheck(lesson, outcome.passed);
    process.stdout.write(outcome.lines.join('\n') + '\n');
    return outcome.passed ? 0 : 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function stripAnsi(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\x1b\[[0-9;]*m/g, '');
}
