// `pnpm lesson`: list the lessons, run one, and say what to do next.
import { parseArgs } from 'node:util';
import { pc } from '../term/colors.js';
import { type Lesson, readCatalogue } from '../lesson/catalogue.js';
import type { Mode } from '../trace/events.js';
import { type LessonMode, MODEL_CHOICES, MODES, type ModelChoice, chooseMode } from '../lesson/modes.js';
import { suggest } from '../term/suggest.js';
import { lessonHeader } from '../run/header.js';
import { userName } from '../term/text.js';
import { prepareMode } from '../run/prepare.js';
import { exerciseFileFrom, exerciseHost, exercisePath, hasExercise, runCheck } from './exercise.js';
import { showNextHint } from './hints.js';
import { formatCatalogue } from './list.js';
import { readProgress } from '../lesson/progress.js';
import { resetExercise } from './reset.js';
import type { CliHost, ExerciseFile } from '../run/host.js';

export { MODES };

/** A user error: one line, an exit code, no stack trace. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
  }
}

const OPTIONS = {
  mode: { type: 'string', default: 'offline' },
  model: { type: 'string' },
  user: { type: 'string', default: 'Ada' },
  json: { type: 'boolean', default: false },
  web: { type: 'boolean', default: false },
  open: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
  color: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  exercise: { type: 'boolean', default: false },
  check: { type: 'boolean', default: false },
  watch: { type: 'boolean', default: false },
  hint: { type: 'boolean', default: false },
  reset: { type: 'boolean', default: false },
} as const;
const FLAGS = Object.keys(OPTIONS).map((name) => `--${name}`);

export function usage(lessons: Lesson[]): string {
  return [
    `${pc.bold('pnpm lesson')} [<lesson>] [options]`,
    '',
    '  With no lesson, lists the lessons. With one, runs it: an interactive chat on a terminal,',
    '  the scripted demo when input is piped or redirected.',
    '',
    'Options:',
    '  --mode <mode>   where the room is: offline (default: no room, no keys, no network), local',
    '                  (a real room on a livekit-server on this machine), live (a room on your',
    '                  LiveKit server: LIVEKIT_URL, LIVEKIT_API_KEY, LIVEKIT_API_SECRET)',
    '  --model <model> which model speaks: stand-in (the scripted offline model, no keys) or openai',
    '                  (needs OPENAI_API_KEY). Default: stand-in offline and local, openai live;',
    '                  offline is always the stand-in',
    '  --user <name>   your name in the session userData (default: Ada): plain text, at most 60',
    '                  characters (control characters and escape codes are taken out)',
    '  --json          one JSON event a line on stdout, nothing else. Run it as pnpm -s lesson … --json:',
    '                  without -s, pnpm prints its own banner on stdout first',
    '  --web           the playground: local mode with a page on 127.0.0.1 as you in the room',
    '                  (hear the agent, type, watch the hooks); the terminal shows the trace',
    '  --open          with --web: also open the page in your default browser',
    '  --no-color      plain text even on a terminal',
    '  --exercise      run your exercise (examples/<lesson>/src/exercise.ts) the way the lesson runs',
    '  --check         test your exercise: ✓ or ✗ for each check, a hint, the next step',
    '                  (LESSON_EXERCISE_FILE=solution or cheats/<name>: run or test that file instead)',
    '  --watch         with --check: check again on every save of your exercise (Ctrl+C stops)',
    '  --hint          the next hint for the exercise, one at a time (never the answer)',
    '  --reset         put the exercise back as committed in git; yours is kept as exercise.ts.mine',
    '  -h, --help      this help',
    '',
    '  Ctrl+C stops a lesson with exit code 130, the shell convention for an interrupt, so a script',
    '  running lessons one after another stops too (pnpm adds an ELIFECYCLE line; pnpm -s does not).',
    '  In the chat, an empty line or Ctrl+D ends it with exit code 0.',
    '  A second Ctrl+C (or SIGTERM, SIGHUP), or LESSON_STOP_DEADLINE_MS (default 4500) after the',
    '  first, stops it at once, with everything it started.',
    '',
    `Lessons: ${lessons.map((l) => l.name).join(', ')}`,
    `Example: pnpm lesson ${lessons[0]?.name ?? 'greeting'} --user Grace`,
    `Exercise: pnpm lesson ${lessons[0]?.name ?? 'greeting'} --exercise, then pnpm lesson ${lessons[0]?.name ?? 'greeting'} --check --watch`,
    '',
    'Your progress (what each check said, the hints read) stays on this machine, in the git-ignored',
    '.lessons-progress.json (or the file LESSONS_PROGRESS_FILE names); pnpm lesson lists it.',
  ].join('\n');
}

export interface ParsedArgs {
  lesson?: Lesson;
  /** Where the room is and which model speaks: decided here, read everywhere else. */
  mode: LessonMode;
  user: string;
  json: boolean;
  help: boolean;
  /** Run the learner's exercise instead of the lesson's agent. */
  exercise: boolean;
  /** Test the learner's exercise. */
  check: boolean;
  /** With check: again on every save. */
  watch: boolean;
  /** Show the exercise's next hint. */
  hint: boolean;
  /** Restore the exercise file from git. */
  reset: boolean;
  /** The playground page as the learner, in local mode. */
  web: boolean;
  /** With web: open the page in the default browser. */
  open: boolean;
}

export function parseCli(argv: string[], lessons: Lesson[]): ParsedArgs {
  let parsed;
  try {
    // A bare `--` (npm's habit: `pnpm lesson greeting -- --user Bob`) separates nothing here.
    const args = argv.filter((arg) => arg !== '--');
    parsed = parseArgs({ args, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    const message = (error as Error).message;
    const flag = /'(-{1,2}[^' ]+)/.exec(message)?.[1];
    if ((error as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && flag) {
      const name = flag.split('=')[0]!;
      const close = suggest(name, FLAGS);
      throw new UsageError(
        `unknown option ${name}.${close ? ` Did you mean ${close}?` : ''} Valid: ${FLAGS.join(', ')}.`,
      );
    }
    // "Option '-h, --help' does not take an argument": name the long form, and say what to write.
    const switchFlag = /^Option '(?:-\w, )?(--[\w-]+)' does not take an argument/.exec(message)?.[1];
    if (switchFlag)
      throw new UsageError(
        `${switchFlag} takes no value: write ${switchFlag} to turn it on, or leave it out.`,
      );
    if (flag)
      throw new UsageError(
        `option ${flag} needs a value, for example ${flag} ${{ '--mode': 'local', '--model': 'openai' }[flag] ?? 'Grace'}.`,
      );
    throw new UsageError(message.split('\n')[0]!);
  }
  const { values, positionals } = parsed;
  if (positionals.length > 1) {
    throw new UsageError(
      `one lesson at a time: got ${positionals.join(', ')}. Try: pnpm lesson ${positionals[0]}`,
    );
  }
  // --web is local mode with a page as the learner: --mode may be left out.
  const mode = lessonMode(values.web && values.mode === 'offline' ? 'local' : values.mode, values.model);
  let lesson: Lesson | undefined;
  const name = positionals[0];
  if (name !== undefined) {
    lesson = lessons.find((l) => l.name === name);
    if (!lesson) {
      const close = suggest(
        name,
        lessons.map((l) => l.name),
      );
      throw new UsageError(
        `unknown lesson "${name}".${close ? ` Did you mean ${close}?` : ''} Lessons: ${lessons.map((l) => l.name).join(', ')}.`,
      );
    }
  }
  const named = userName(values.user);
  if ('problem' in named) throw new UsageError(named.problem);
  const user = named.name;
  const { exercise, check, watch, hint, reset } = values;
  if (watch && !check)
    throw new UsageError(
      `--watch goes with --check: pnpm lesson ${lesson?.name ?? lessons[0]?.name ?? 'greeting'} --check --watch`,
    );
  const actions = [exercise && '--exercise', check && '--check', hint && '--hint', reset && '--reset'];
  const chosen = actions.filter((a): a is string => Boolean(a));
  if (chosen.length > 1) throw new UsageError(`${chosen.join(' and ')}: one at a time.`);
  const { web, open } = values;
  if (open && !web)
    throw new UsageError(`--open goes with --web: pnpm lesson ${lesson?.name ?? 'greeting'} --web --open`);
  if (web) {
    if (!lesson)
      throw new UsageError(
        `--web needs a lesson, for example: pnpm lesson ${lessons[0]?.name ?? 'greeting'} --web`,
      );
    if (mode.name === 'live' || chosen.length)
      throw new UsageError(
        `--web runs the lesson in a room on a local server${chosen.length ? ` and cannot go with ${chosen[0]}` : ', not with --mode live'}. Try: pnpm lesson ${lesson.name} --web`,
      );
  }
  if (chosen.length) {
    const flag = chosen[0]!;
    if (!lesson)
      throw new UsageError(
        `${flag} needs a lesson, for example: pnpm lesson ${lessons[0]?.name ?? 'greeting'} ${flag}`,
      );
    if (!hasExercise(lesson))
      throw new UsageError(
        `lesson ${lesson.name} has no exercise (examples/${lesson.name}/src/exercise.ts).`,
      );
    if (mode.name !== 'offline' || values.model !== undefined)
      throw new UsageError(
        exercise || check
          ? `${flag} works offline only: your exercise has no worker entry. Try: pnpm lesson ${lesson.name} ${flag}`
          : `${flag} takes no ${mode.name !== 'offline' ? '--mode' : '--model'}. Try: pnpm lesson ${lesson.name} ${flag}`,
      );
    if ((check || hint || reset) && values.json)
      throw new UsageError(`${flag} prints its own report: drop --json.`);
  }
  return {
    lesson,
    mode,
    user,
    json: values.json,
    help: values.help,
    exercise,
    check,
    watch,
    hint,
    reset,
    web,
    open,
  };
}

function lessonMode(name: string, model: string | undefined): LessonMode {
  if (!MODES.includes(name as Mode)) {
    const close = suggest(name, MODES);
    throw new UsageError(
      `unknown mode "${name}".${close ? ` Did you mean ${close}?` : ''} Valid modes: ${MODES.join(', ')}.`,
    );
  }
  if (model !== undefined && !MODEL_CHOICES.includes(model as ModelChoice)) {
    const close = suggest(model, MODEL_CHOICES);
    throw new UsageError(
      `unknown model "${model}".${close ? ` Did you mean ${close}?` : ''} Valid models: ${MODEL_CHOICES.join(', ')}.`,
    );
  }
  const chosen = chooseMode(name as Mode, model as ModelChoice | undefined);
  if ('problem' in chosen) throw new UsageError(chosen.problem);
  return chosen;
}

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
  if (!args.lesson) {
    process.stdout.write(
      args.json
        ? lessons.map(({ dir: _dir, ...l }) => JSON.stringify({ type: 'lesson', ...l })).join('\n') + '\n'
        : formatCatalogue(lessons, readProgress()) + '\n',
    );
    return 0;
  }
  const next = lessons.find((l) => l.order > args.lesson!.order);
  if (args.check && args.watch) {
    const { watchCheck } = await import('./watch.js');
    return watchCheck(args.lesson, next, { file: exerciseFileFrom() });
  }
  if (args.check) return runCheck(args.lesson, next);
  if (args.hint) return showNextHint(args.lesson);
  if (args.reset) return resetExercise(args.lesson);
  const file = exerciseFileFrom();
  if (args.exercise) host = exerciseHost(host, file);
  const prepared = await prepareMode(args.mode, args.lesson.name);
  if ('exitCode' in prepared) return prepared.exitCode;
  // A server built just now took minutes: the lesson's clock starts after it.
  if (prepared.room === 'local' && prepared.built) host = { ...host, startedAt: performance.now() };
  const options = { ...args, lesson: args.lesson, next, host };
  const reporter = lessonHeader(options);
  if (args.exercise) {
    reporter.say(
      pc.dim(
        `Your exercise: ${exercisePath(args.lesson, file)}. Test it: pnpm lesson ${args.lesson.name} --check`,
      ),
    );
  }
  if (prepared.room === 'local' && args.web) {
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

/** Started by `pnpm lesson` without -s: pnpm has put "> lesson …" on stdout (-s sets reporter=silent). */
export function pnpmBannerPrinted(env: NodeJS.ProcessEnv = process.env): boolean {
  return (
    env.npm_lifecycle_event === 'lesson' &&
    /^pnpm\//.test(env.npm_config_user_agent ?? '') &&
    env.npm_config_reporter !== 'silent'
  );
}
