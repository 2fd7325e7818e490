// Playing a lesson offline: the scripted demo when input is not a terminal, a chat when it is.
import { pc } from '../term/colors.js';
import type { Lesson } from '../lesson/catalogue.js';
import { chatAtTerminal } from '../term/chat.js';
import type { CliHost } from './host.js';
import type { LessonMode } from '../lesson/modes.js';
import type { OfflineSession } from './offline-session.js';
import type { Reporter } from '../trace/reporter.js';
import type { Scene } from '../lesson/script.js';
import { StopRequest } from '../term/signals.js';
import { noticeHookFailure } from '../trace/events.js';

export interface PlayOptions {
  lesson: Lesson;
  next?: Lesson;
  mode: LessonMode;
  user: string;
  json: boolean;
  host: CliHost;
}

/** Ctrl+C must end everything within 5 s; the session gets most of that to close cleanly. */
const CLOSE_DEADLINE_MS = 3500;

export async function playOffline(
  { lesson, next, user, json, host }: PlayOptions,
  { sink: report, say }: Reporter,
): Promise<number> {
  const { sink, failure } = noticeHookFailure(report);
  const [{ runOfflineSession }, loaded] = await Promise.all([
    import('./offline-session.js'),
    host.loadLesson(lesson),
  ]);
  const start = (scene?: Scene<unknown>) =>
    runOfflineSession({
      agentModule: loaded.agentModule,
      script: loaded.script,
      scene,
      userName: user,
      sink,
    });

  let run: OfflineSession | undefined;
  // From here on, Ctrl+C, SIGTERM and SIGHUP close the session (whatever stage it is at).
  const stop = new StopRequest();
  let interrupted = false;
  const stopped = stop.requested.then(async (why) => {
    interrupted = true;
    say(pc.dim(`\n${why}: closing the session…`));
    const deadline = new Promise((resolve) => setTimeout(resolve, CLOSE_DEADLINE_MS).unref());
    await Promise.race([run?.close(), deadline]);
  });

  let reason = '';
  const played = (async () => {
    if (host.stdin.isTTY && !json) {
      run = await start();
      const session = run;
      if (interrupted) return;
      const ended = session.closed.then((why) => ({
        what: `The session closed (${why}): the conversation is over.`,
      }));
      await chatAtTerminal(
        { say: (text) => session.say(text), quiet: () => session.quiet(), ended },
        {
          intro: 'Type as the user; an empty line or Ctrl+D ends.',
          suggestions: loaded.script.suggestions ?? loaded.script.turns,
          stop,
        },
      );
      if (interrupted) return;
      await run.close();
      reason = await run.closed;
    } else {
      const scenes = loaded.script.scenes ?? [{ title: '', turns: loaded.script.turns }];
      for (const [index, scene] of scenes.entries()) {
        if (interrupted) break;
        if (scenes.length > 1)
          sink({ type: 'scene', index: index + 1, of: scenes.length, title: scene.title });
        run = await start(scene);
        await playScene(run, scene, () => interrupted);
        reason = await run.closed;
      }
    }
  })();
  // A stop ends the lesson once the session has closed, whatever the conversation was waiting on
  // (what it was doing may fail as the session goes: that is no longer news).
  played.catch(() => {});
  await Promise.race([played, stopped]);
  if (interrupted) await stopped;
  stop.dispose();

  if (interrupted) return 130;
  if (failure()) {
    process.stderr.write(`${pc.red('error:')} ${failure()}. Fix the hook, then run the lesson again.\n`);
    return 1;
  }
  if (lesson.needsRoom) {
    say(
      pc.dim(`To see what happens to the room and the people in it: pnpm lesson ${lesson.name} --mode local`),
    );
  }
  say(
    next
      ? `Next: ${pc.bold(`pnpm lesson ${next.name}`)} (${next.title}), or read examples/${lesson.name}/README.md`
      : `That was the last lesson. Read examples/${lesson.name}/README.md, or run pnpm lesson to see them all.`,
  );
  return reason === 'error' ? 1 : 0;
}

/** How long a scene that waits for the agent to end the call waits at most. */
export const WAIT_FOR_END_MS = 30_000;

async function playScene(
  run: OfflineSession,
  { turns, waitForEnd }: Pick<Scene<unknown>, 'turns' | 'waitForEnd'>,
  interrupted: () => boolean,
): Promise<void> {
  await run.quiet();
  for (const turn of turns) {
    if (run.isClosed || interrupted()) break;
    run.say(turn);
    await run.quiet();
  }
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
