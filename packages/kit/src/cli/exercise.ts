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
import type { CliHost } from '../run/host.js';
import { type ExerciseFile, exerciseFileFrom, exercisePath } from '../lesson/exercise-files.js';
import { readHints } from './hints.js';
import { recordCheck } from '../lesson/progress.js';
import { type VitestReport, formatCheck } from './check-report.js';

/** The host, loading the lesson's exercise (and the exercise's own script) in place of its agent. */
export function exerciseHost(host: CliHost, file: ExerciseFile = exerciseFileFrom()): CliHost {
  const { loadExercise } = host;
  if (!loadExercise) throw new Error('this launcher cannot load exercises');
  return { ...host, loadLesson: (lesson) => loadExercise(lesson, file) };
}

const CHECK_TIMEOUT_MS = 180_000;

interface VitestRun {
  code: number | null;
  stderr: string;
  interrupted: boolean;
  timedOut: boolean;
}

/** The exercise's tests in a fresh vitest, its JSON report to `outputFile`; Ctrl+C stops it. */
function runVitest(vitest: string, lesson: Lesson, root: string, file: ExerciseFile, outputFile: string) {
  // The child is a fresh vitest: nothing of a vitest this runs inside (the kit's own tests), and
  // no demand for room tests (the checks are offline).
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      ([key]) => !key.startsWith('VITEST') && key !== 'LESSON_REQUIRE_ROOM_TESTS',
    ),
  );
  return new Promise<VitestRun>((resolve, reject) => {
    const run = { interrupted: false, timedOut: false };
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
        env: { ...env, LESSON_CHECKED_FILE: file, NO_COLOR: '1', LESSON_SKIP_ROOM_TESTS: '1' },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr!.on('data', (chunk) => (stderr = (stderr + chunk).slice(-8000)));
    const stop = () => {
      run.interrupted = true;
      child.kill('SIGTERM');
    };
    const timer = setTimeout(() => {
      run.timedOut = true;
      child.kill('SIGTERM');
    }, CHECK_TIMEOUT_MS);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve({ code, stderr, ...run });
    });
  });
}

/** vitest stopped before it could report: the first line of why, without its stack. */
function couldNotRun({ code, stderr, timedOut }: VitestRun, lesson: Lesson, file: ExerciseFile): string {
  const why = timedOut
    ? `they did not finish in ${CHECK_TIMEOUT_MS / 60_000} minutes`
    : (stripVTControlCharacters(stderr)
        .split('\n')
        .map((line) => line.trim())
        .find((line) => /error/i.test(line) && !line.startsWith('at ') && !line.startsWith('❯')) ??
      `vitest exited with ${code ?? 'a signal'}`);
  return (
    `  ${pc.red('✗')} the checks could not run: ${why}\n\nNext: edit ${exercisePath(lesson, file)}, ` +
    `then run pnpm lesson ${lesson.name} --check again\n`
  );
}

function readReport(outputFile: string): VitestReport | undefined {
  try {
    return JSON.parse(readFileSync(outputFile, 'utf8')) as VitestReport;
  } catch {
    return undefined;
  }
}

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
  try {
    const run = await runVitest(vitest, lesson, root, file, outputFile);
    if (run.interrupted) {
      process.stdout.write(pc.dim('Stopped: the checks did not finish.\n'));
      return 130;
    }
    const report = readReport(outputFile);
    if (!report) {
      process.stdout.write(couldNotRun(run, lesson, file));
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
