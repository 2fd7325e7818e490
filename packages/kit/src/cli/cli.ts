// `pnpm lesson`: list the lessons, run one, and say what to do next.
import { pc } from '../term/colors.js';
import { type Lesson, readCatalogue } from '../lesson/catalogue.js';
import { reportWithHeader } from '../run/header.js';
import { prepareMode } from '../run/prepare.js';
import { type ParsedArgs, UsageError, parseCli } from './args.js';
import { exerciseFileFrom, exercisePath } from '../lesson/exercise-files.js';
import { exerciseHost, runCheck } from './exercise.js';
import { showNextHint } from './hints.js';
import { formatCatalogue } from './list.js';
import { readProgress } from '../lesson/progress.js';
import { resetExercise } from './reset.js';
import type { CliHost } from '../run/host.js';
import { usage } from './usage.js';

/** Runs the CLI and returns the exit code. */
export async function main(argv: string[], host: CliHost): Promise<number> {
  const lessons = readCatalogue();
  let args: ParsedArgs;
  try {
    args = parseCli(argv, lessons);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${pc.red('error:')} ${error.message}\n`);
      return error.exitCode;
    }
    throw error;
  }
  if (args.help) {
    process.stdout.write(usage(lessons) + '\n');
    return 0;
  }
  if (args.json && pnpmBannerPrinted()) {
    process.stderr.write(
      'note: pnpm printed its own banner on stdout before the JSON lines; for JSON lines only, run pnpm -s lesson … --json\n',
    );
  }
  if (!args.lesson) return listLessons(lessons, args.json);
  const next = lessons.find((l) => l.order > args.lesson!.order);
  if (args.check || args.hint || args.reset) return exerciseCommand(args, args.lesson, next);
  const file = exerciseFileFrom();
  if (args.exercise) host = exerciseHost(host, file);
  const prepared = await prepareMode(args.mode, args.lesson.name, {
    learner: args.learner,
    takeOver: args.takeOver,
  });
  if ('exitCode' in prepared) return prepared.exitCode;
  // A server built just now took minutes: the lesson's clock starts after it.
  if (prepared.room === 'local' && prepared.built) host = { ...host, startedAt: performance.now() };
  const options = { ...args, lesson: args.lesson, next, host };
  const reporter = reportWithHeader(options);
  if (args.exercise) {
    reporter.print(
      pc.dim(
        `Your exercise: ${exercisePath(args.lesson, file)}. Test it: pnpm lesson ${args.lesson.name} --check`,
      ),
    );
  }
  if (prepared.room !== 'none' && args.web) {
    const { playWeb } = await import('../web/play-web.js');
    return playWeb(options, reporter, prepared);
  }
  if (prepared.room !== 'none') {
    const { playInRoom } = await import('../run/play-room.js');
    return playInRoom(options, reporter, prepared);
  }
  const { playOffline } = await import('../run/play.js');
  return playOffline(options, reporter);
}

/** `pnpm lesson` with no lesson: the catalogue, as a table or as JSON lines. */
function listLessons(lessons: Lesson[], json: boolean): number {
  process.stdout.write(
    json
      ? lessons.map(({ dir: _dir, ...l }) => JSON.stringify({ type: 'lesson', ...l })).join('\n') + '\n'
      : formatCatalogue(lessons, readProgress()) + '\n',
  );
  return 0;
}

/** --check (once, or on every save), --hint, --reset. */
async function exerciseCommand(args: ParsedArgs, lesson: Lesson, next: Lesson | undefined): Promise<number> {
  if (args.check && args.watch) {
    const { watchCheck } = await import('./watch.js');
    return watchCheck(lesson, next, { file: exerciseFileFrom() });
  }
  if (args.check) return runCheck(lesson, next);
  if (args.hint) return showNextHint(lesson);
  return resetExercise(lesson);
}

/** Started by `pnpm lesson` without -s: pnpm has put "> lesson …" on stdout (-s sets reporter=silent). */
export function pnpmBannerPrinted(env: NodeJS.ProcessEnv = process.env): boolean {
  return (
    env.npm_lifecycle_event === 'lesson' &&
    /^pnpm\//.test(env.npm_config_user_agent ?? '') &&
    env.npm_config_reporter !== 'silent'
  );
}
