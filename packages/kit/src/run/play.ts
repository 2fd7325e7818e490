// Playing a lesson offline: the scripted demo when input is not a terminal, a chat when it is.
import { typeTurns } from '../lesson/turns.js';
import { pc } from '../term/colors.js';
import type { Lesson } from '../lesson/catalogue.js';
import { chatAtTerminal } from '../term/chat.js';
import type { CliHost, LoadedLesson } from './host.js';
import type { LessonMode } from '../lesson/modes.js';
import type { OfflineSession } from './offline-session.js';
import type { Reporter } from '../trace/reporter.js';
import type { Scene } from '../lesson/script.js';
import { StopRequest } from '../term/signals.js';
import { type EventSink, noticeHookFailure } from '../trace/events.js';

export interface PlayOptions {
  lesson: Lesson;
  next?: Lesson;
  mode: LessonMode;
  user: string;
  json: boolean;
  host: CliHost;
  /** On a shared server (--mode live): the learner's id, and whether to take it over. */
  learner?: string;
  takeOver?: boolean;
}

/** Ctrl+C must end everything within 5 s; the session gets most of that to close cleanly. */
const CLOSE_DEADLINE_MS = 3500;

type StartSession = (scene?: Scene<unknown>) => Promise<OfflineSession>;
/** The session playing now (Ctrl+C closes it), and whether a stop has come. */
type Playing = { run?: OfflineSession; interrupted: boolean };

/** On a terminal: the learner types as the user until the chat ends; returns the close reason. */
async function chatOffline(start: StartSession, loaded: LoadedLesson, stop: StopRequest, playing: Playing) {
  const session = (playing.run = await start());
  if (playing.interrupted) return '';
  const ended = session.closed.then((why) => ({
    what: `The session closed (${why}): the conversation is over.`,
  }));
  await chatAtTerminal(
    { typeLine: (text) => session.typeLine(text), quiet: () => session.quiet(), ended },
    {
      intro: 'Type as the user; an empty line or Ctrl+D ends.',
      suggestions: loaded.script.suggestions ?? loaded.script.turns,
      stop,
    },
  );
  if (playing.interrupted) return '';
  await session.close();
  return session.closed;
}

/** Not on a terminal: the script's scenes, each in a session of its own; returns the last close reason. */
async function playScenes(start: StartSession, loaded: LoadedLesson, sink: EventSink, playing: Playing) {
  let reason = '';
  const scenes = loaded.script.scenes ?? [{ title: '', turns: loaded.script.turns }];
  for (const [index, scene] of scenes.entries()) {
    if (playing.interrupted) break;
    if (scenes.length > 1) sink({ type: 'scene', index: index + 1, of: scenes.length, title: scene.title });
    const run = (playing.run = await start(scene));
    await playScene(run, scene, () => playing.interrupted);
    reason = await run.closed;
  }
  return reason;
}

/** After the lesson: where the room shows more, and the next lesson. */
function sayWhatNext({ lesson, next }: Pick<PlayOptions, 'lesson' | 'next'>, print: Reporter['print']): void {
  if (lesson.needsRoom) {
    print(
      pc.dim(`To see what happens to the room and the people in it: pnpm lesson ${lesson.name} --mode local`),
    );
  }
  print(
    next
      ? `Next: ${pc.bold(`pnpm lesson ${next.name}`)} (${next.title}), or read examples/${lesson.name}/README.md`
      : `That was the last lesson. Read examples/${lesson.name}/README.md, or run pnpm lesson to see them all.`,
  );
}

export async function playOffline(options: PlayOptions, { sink: report, print }: Reporter): Promise<number> {
  const { lesson, user, json, host } = options;
  const { sink, failure } = noticeHookFailure(report);
  const [{ runOfflineSession }, loaded] = await Promise.all([
    import('./offline-session.js'),
    host.loadLesson(lesson),
  ]);
  const start: StartSession = (scene) =>
    runOfflineSession({
      agentModule: loaded.agentModule,
      script: loaded.script,
      scene,
      userName: user,
      sink,
    });

  const playing: Playing = { interrupted: false };
  // From here on, Ctrl+C, SIGTERM and SIGHUP close the session (whatever stage it is at).
  const stop = new StopRequest();
  const stopped = stop.requested.then(async (why) => {
    playing.interrupted = true;
    print(pc.dim(`\n${why}: closing the session…`));
    const deadline = new Promise((resolve) => setTimeout(resolve, CLOSE_DEADLINE_MS).unref());
    await Promise.race([playing.run?.close(), deadline]);
  });
  const played =
    host.stdin.isTTY && !json
      ? chatOffline(start, loaded, stop, playing)
      : playScenes(start, loaded, sink, playing);
  // A stop ends the lesson once the session has closed, whatever the conversation was waiting on
  // (what it was doing may fail as the session goes: that is no longer news).
  played.catch(() => {});
  const reason = await Promise.race([played, stopped.then(() => '')]);
  if (playing.interrupted) await stopped;
  stop.dispose();

  if (playing.interrupted) return 130;
  if (failure()) {
    process.stderr.write(`${pc.red('error:')} ${failure()}. Fix the hook, then run the lesson again.\n`);
    return 1;
  }
  sayWhatNext(options, print);
  return reason === 'error' ? 1 : 0;
}

/** How long a scene that waits for the agent to end the call waits at most. */
export const WAIT_FOR_END_MS = 30_000;

async function playScene(
  run: OfflineSession,
  { turns, waitForEnd }: Pick<Scene<unknown>, 'turns' | 'waitForEnd'>,
  interrupted: () => boolean,
): Promise<void> {
  await typeTurns(run, turns, () => run.isClosed || interrupted());
  if (waitForEnd && !interrupted()) {
    // Not unref'd: while the scene waits for the agent, this timer is what keeps the process up.
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      run.closed,
      new Promise((resolve) => (timer = setTimeout(resolve, WAIT_FOR_END_MS))),
    ]);
    clearTimeout(timer);
  }
  await run.close();
}
