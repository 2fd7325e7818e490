// Playing a lesson offline: the scripted demo when input is not a terminal, a chat when it is.
import { createInterface } from 'node:readline';
import pc from 'picocolors';
import type { Lesson } from './catalogue.js';
import type { CliHost } from './cli.js';
import type { Reporter } from './reporter.js';

export interface PlayOptions {
  lesson: Lesson;
  next?: Lesson;
  user: string;
  json: boolean;
  host: CliHost;
}

const CLOSE_DEADLINE_MS = 4000;

export async function playOffline(
  { lesson, next, user, json, host }: PlayOptions,
  { sink, say }: Reporter,
): Promise<number> {
  const interactive = Boolean(host.stdin.isTTY) && !json;

  const [{ runOfflineSession }, loaded] = await Promise.all([
    import('./offline/runner.js'),
    host.loadLesson(lesson),
  ]);
  const run = await runOfflineSession({
    lesson: lesson.name,
    agentModule: loaded.agentModule,
    script: loaded.script,
    userName: user,
    sink,
  });

  let interrupted = false;
  const stop = async (why: string) => {
    if (interrupted) return;
    interrupted = true;
    say(pc.dim(`\n${why}: closing the session…`));
    const deadline = new Promise((resolve) => setTimeout(resolve, CLOSE_DEADLINE_MS).unref());
    await Promise.race([run.close(), deadline]);
  };
  const onSignal = (signal: NodeJS.Signals) => void stop(signal === 'SIGINT' ? 'Ctrl+C' : signal);
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  if (interactive) {
    await chat(run, lesson, loaded.script.suggestions ?? loaded.script.turns, stop);
  } else {
    await run.quiet();
    for (const turn of loaded.script.turns) {
      if (run.isClosed || interrupted) break;
      run.say(turn);
      await run.quiet();
    }
    if (!run.isClosed) await run.close();
  }
  const reason = await run.closed;

  if (lesson.needsRoom && !interrupted) {
    say(pc.dim(`To see what happens to the room and the people in it: pnpm lesson ${lesson.name} --mode local`));
  }
  say(
    next
      ? `Next: ${pc.bold(`pnpm lesson ${next.name}`)} (${next.title}), or read examples/${lesson.name}/README.md`
      : `That was the last lesson. Read examples/${lesson.name}/README.md, or run pnpm lesson to see them all.`,
  );
  if (interrupted) return 130;
  return reason === 'error' ? 1 : 0;
}

async function chat(
  run: Awaited<ReturnType<typeof import('./offline/runner.js').runOfflineSession>>,
  lesson: Lesson,
  suggestions: string[],
  stop: (why: string) => Promise<void>,
): Promise<void> {
  const rl = createInterface({ input: process.stdin, output: process.stdout, prompt: pc.cyan('you> ') });
  process.stdout.write(pc.dim(`Type as the user; an empty line or Ctrl+D ends. Try: ${suggestions.map((s) => `"${s}"`).join(', ')}\n`));
  rl.on('SIGINT', () => void stop('Ctrl+C').then(() => rl.close()));
  await run.quiet();
  rl.prompt();
  for await (const line of rl) {
    const text = line.trim();
    if (!text) break;
    run.say(text);
    await run.quiet();
    if (run.isClosed) break;
    rl.prompt();
  }
  rl.close();
  if (!run.isClosed) await stop(`${lesson.name} done`);
}
