// Playing a lesson offline: the scripted demo when input is not a terminal, a chat when it is.
import { pc } from './colors.js';
import type { Lesson } from './catalogue.js';
import { chatAtTerminal } from './chat.js';
import type { CliHost } from './cli.js';
import type { LessonMode } from './modes.js';
import type { OfflineSession } from './offline/runner.js';
import type { Reporter } from './reporter.js';
import type { Scene } from './script.js';

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
  { sink, say }: Reporter,
): Promise<number> {
  const [{ runOfflineSession }, loaded] = await Promise.all([
    import('./offline/runner.js'),
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
  let interrupted = false;
  const stop = async (why: string) => {
    if (interrupted) return;
    interrupted = true;
    say(pc.dim(`\n${why}: closing the session…`));
    const deadline = new Promise((resolve) => setTimeout(resolve, CLOSE_DEADLINE_MS).unref());
    await Promise.race([run?.close(), deadline]);
  };
  const onSignal = (signal: NodeJS.Signals) => void stop(signal === 'SIGINT' ? 'Ctrl+C' : signal);
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  let reason = '';
  if (host.stdin.isTTY && !json) {
    run = await start();
    const session = run;
    await chatAtTerminal(
      { say: (text) => session.say(text), quiet: () => session.quiet(), ended: () => session.isClosed },
      {
        intro: 'Type as the user; an empty line or Ctrl+D ends.',
        suggestions: loaded.script.suggestions ?? loaded.script.turns,
        stop,
      },
    );
    await run.close();
    reason = await run.closed;
  } else {
    const scenes = loaded.script.scenes ?? [{ title: '', turns: loaded.script.turns }];
    for (const [index, scene] of scenes.entries()) {
      if (interrupted) break;
      if (scenes.length > 1) sink({ type: 'scene', index: index + 1, of: scenes.length, title: scene.title });
      run = await start(scene);
      await playScene(run, scene.turns, () => interrupted);
      reason = await run.closed;
    }
  }

  if (interrupted) return 130;
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

async function playScene(run: OfflineSession, turns: string[], interrupted: () => boolean): Promise<void> {
  await run.quiet();
  for (const turn of turns) {
    if (run.isClosed || interrupted()) break;
    run.say(turn);
    await run.quiet();
  }
  await run.close();
}
