// `pnpm lesson`'s command line: the options, what each combination means, and a usage error
// (one line, exit 2, a close match suggested) for everything else.
import { parseArgs } from 'node:util';
import type { Lesson } from '../lesson/catalogue.js';
import { type LessonMode, MODEL_CHOICES, MODES, type ModelChoice, chooseMode } from '../lesson/modes.js';
import { suggest } from '../term/suggest.js';
import { userName } from '../term/text.js';
import type { Mode } from '../trace/events.js';
import { hasExercise } from '../lesson/exercise-files.js';
import { chooseLearnerId } from '../workshop/learner-id.js';

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
  learner: { type: 'string' },
  'take-over': { type: 'boolean', default: false },
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
  /** The learner's id on a shared server (workshop/learner-id.ts). */
  learner: string;
  /** Take the learner's id over from a run that holds it. */
  takeOver: boolean;
}

type Values = ReturnType<typeof readArgs>['values'];

/** The arguments as node:util reads them; its errors as a usage error saying what to write. */
function readArgs(argv: string[]) {
  try {
    // A bare `--` (npm's habit: `pnpm lesson greeting -- --user Bob`) separates nothing here.
    const args = argv.filter((arg) => arg !== '--');
    return parseArgs({ args, options: OPTIONS, allowPositionals: true, strict: true });
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
}

/** The lesson named, if one is. */
function findLesson(positionals: string[], lessons: Lesson[]): Lesson | undefined {
  if (positionals.length > 1) {
    throw new UsageError(
      `one lesson at a time: got ${positionals.join(', ')}. Try: pnpm lesson ${positionals[0]}`,
    );
  }
  const name = positionals[0];
  if (name === undefined) return undefined;
  const lesson = lessons.find((l) => l.name === name);
  if (!lesson) {
    const close = suggest(
      name,
      lessons.map((l) => l.name),
    );
    throw new UsageError(
      `unknown lesson "${name}".${close ? ` Did you mean ${close}?` : ''} Lessons: ${lessons.map((l) => l.name).join(', ')}.`,
    );
  }
  return lesson;
}

/** --web: a lesson, in a room (local, or live on your server), and none of the exercise flags. */
function checkWeb(
  values: Values,
  lesson: Lesson | undefined,
  lessons: Lesson[],
  mode: LessonMode,
  chosen: string[],
) {
  const { web, open } = values;
  if (open && !web)
    throw new UsageError(`--open goes with --web: pnpm lesson ${lesson?.name ?? 'greeting'} --web --open`);
  if (!web) return;
  if (!lesson)
    throw new UsageError(
      `--web needs a lesson, for example: pnpm lesson ${lessons[0]?.name ?? 'greeting'} --web`,
    );
  if (chosen.length)
    throw new UsageError(
      `--web runs the lesson in a room and cannot go with ${chosen[0]}. Try: pnpm lesson ${lesson.name} --web`,
    );
}

/** An exercise flag (--exercise, --check, --hint, --reset): a lesson with an exercise, offline. */
function checkExerciseFlag(
  values: Values,
  lesson: Lesson | undefined,
  lessons: Lesson[],
  mode: LessonMode,
  flag: string,
) {
  const { exercise, check, hint, reset } = values;
  if (!lesson)
    throw new UsageError(
      `${flag} needs a lesson, for example: pnpm lesson ${lessons[0]?.name ?? 'greeting'} ${flag}`,
    );
  if (!hasExercise(lesson))
    throw new UsageError(`lesson ${lesson.name} has no exercise (examples/${lesson.name}/src/exercise.ts).`);
  if (mode.name !== 'offline' || values.model !== undefined)
    throw new UsageError(
      exercise || check
        ? `${flag} works offline only: your exercise has no worker entry. Try: pnpm lesson ${lesson.name} ${flag}`
        : `${flag} takes no ${mode.name !== 'offline' ? '--mode' : '--model'}. Try: pnpm lesson ${lesson.name} ${flag}`,
    );
  if ((check || hint || reset) && values.json)
    throw new UsageError(`${flag} prints its own report: drop --json.`);
}

export function parseCli(argv: string[], lessons: Lesson[]): ParsedArgs {
  const { values, positionals } = readArgs(argv);
  // --web is local mode with a page as the learner: --mode may be left out.
  const mode = lessonMode(values.web && values.mode === 'offline' ? 'local' : values.mode, values.model);
  const lesson = findLesson(positionals, lessons);
  const named = userName(values.user);
  if ('problem' in named) throw new UsageError(named.problem);
  const learner = chooseLearnerId(values.learner);
  if ('problem' in learner) throw new UsageError(learner.problem);
  if (values['take-over'] && mode.room !== 'remote')
    throw new UsageError(
      `--take-over goes with --mode live (a shared server): pnpm lesson ${lesson?.name ?? 'greeting'} --mode live --take-over`,
    );
  const { exercise, check, watch, hint, reset, web, open } = values;
  if (watch && !check)
    throw new UsageError(
      `--watch goes with --check: pnpm lesson ${lesson?.name ?? lessons[0]?.name ?? 'greeting'} --check --watch`,
    );
  const actions = [exercise && '--exercise', check && '--check', hint && '--hint', reset && '--reset'];
  const chosen = actions.filter((a): a is string => Boolean(a));
  if (chosen.length > 1) throw new UsageError(`${chosen.join(' and ')}: one at a time.`);
  checkWeb(values, lesson, lessons, mode, chosen);
  if (chosen.length) checkExerciseFlag(values, lesson, lessons, mode, chosen[0]!);
  return {
    lesson,
    mode,
    user: named.name,
    json: values.json,
    help: values.help,
    exercise,
    check,
    watch,
    hint,
    reset,
    web,
    open,
    learner: learner.id,
    takeOver: values['take-over'],
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
