// A lesson in a real room: the lesson's agent dispatched into a fresh room on a livekit-server,
// and the learner in the same room as a participant. Local and live mode differ only in where
// the server comes from: started here (local), or LIVEKIT_URL and its keys (live).
import { randomBytes } from 'node:crypto';
import { pc } from '../colors.js';
import { chatAtTerminal } from '../chat.js';
import type { PlayOptions } from '../play.js';
import type { Reporter } from '../reporter.js';
import type { Scene } from '../script.js';
import { modeFlags } from '../modes.js';
import type { PreparedRoom } from '../prepare.js';
import { type Learner, learnerToken } from './learner.js';
import { type RoomLesson, type RoomServer, startRoomLesson } from './room-lesson.js';

// Where they were before (tests and the bench import them from here).
export { type RoomLesson, type RoomServer, startRoomLesson };

const CLOSE_DEADLINE_MS = 4000;

/** The lesson's server and worker: a local server started here, or a worker registered with yours. */
async function startForMode(
  prepared: PreparedRoom,
  lessonName: string,
  files: { agentModule: string; jobEntry: string },
  say: Reporter['say'],
): Promise<RoomLesson | undefined> {
  const job = { model: prepared.mode.model, ...(prepared.openai && { openai: prepared.openai }) };
  const common = { lessonName, ...files, job };
  if (prepared.room === 'local') {
    say(pc.dim(`Starting livekit-server (${prepared.binary}) on loopback and a worker for ${lessonName}…`));
    return startRoomLesson({ serverBinary: prepared.binary, ...common });
  }
  const { wsUrl: url, httpUrl, apiKey, apiSecret, host } = prepared.settings;
  say(pc.dim(`Registering a worker for ${lessonName} with ${host}…`));
  try {
    return await startRoomLesson({ server: { url, httpUrl, apiKey, apiSecret }, ...common });
  } catch (error) {
    process.stderr.write(
      `${pc.red('error:')} the worker could not register with ${host} (${(error as Error).message}). ` +
        'Check LIVEKIT_API_KEY and LIVEKIT_API_SECRET.\n',
    );
    return undefined;
  }
}

/**
 * Local or live mode, once `prepareMode` (run before the header) has found or built the server
 * binary, or checked LIVEKIT_URL and its keys.
 */
export async function playInRoom(
  { lesson, next, mode, user, json, host }: PlayOptions,
  { sink, say }: Reporter,
  prepared: PreparedRoom,
): Promise<number> {
  const [loaded, files] = await Promise.all([host.loadLesson(lesson), host.lessonFiles(lesson)]);
  const started = await startForMode(prepared, lesson.name, files, say);
  if (!started) return 1;
  const roomLesson = started;
  // A session that fails in its job (a model it cannot reach, say) ends the lesson's exit code too.
  let sessionFailed = false;
  const watched: typeof sink = (event) => {
    if (event.type === 'close' && event.reason === 'error') sessionFailed = true;
    sink(event);
  };
  const openRoom = async (scene?: Scene<unknown>) => {
    const opened = await roomLesson.open(user, watched, scene);
    if (prepared.room === 'remote') say(await joinElsewhere(roomLesson.server, opened.roomName));
    return opened;
  };

  let learner: Learner | undefined;
  let interrupted = false;
  let stopping = false;
  let stopped: Promise<unknown> | undefined;
  const stop = async (why: string) => {
    if (interrupted) return;
    interrupted = true;
    const what = prepared.room === 'local' ? 'the worker and the server' : 'the worker';
    say(pc.dim(`\n${why}: leaving the room, stopping ${what}…`));
    const deadline = new Promise((resolve) => setTimeout(resolve, CLOSE_DEADLINE_MS).unref());
    stopped = Promise.race([Promise.all([learner?.leave(), roomLesson.stop()]), deadline]);
    await stopped;
  };
  const onSignal = (signal: NodeJS.Signals) => void stop(signal === 'SIGINT' ? 'Ctrl+C' : signal);
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  // The server dying mid-lesson must end the lesson with a clear line, not a hang.
  let serverDied = false;
  roomLesson.server.process?.once('exit', (code, signal) => {
    if (interrupted || stopping) return;
    serverDied = true;
    process.stderr.write(
      `${pc.red('error:')} livekit-server stopped (${signal ?? `exit ${code}`}); the lesson cannot go on.\n`,
    );
    interrupted = true;
    void learner?.leave();
  });

  try {
    if (host.stdin.isTTY && !json) {
      const opened = await openRoom();
      learner = opened.learner;
      await learner.agentJoined();
      const inRoom = learner;
      await chatAtTerminal(
        {
          say: (text) => inRoom.say(text),
          quiet: () => inRoom.quiet(),
          ended: () => !inRoom.room.isConnected || !inRoom.agentPresent,
        },
        {
          intro: 'You are in the room. Type as the user; an empty line or Ctrl+D leaves.',
          suggestions: loaded.script.suggestions ?? loaded.script.turns,
          stop,
        },
      );
      if (!interrupted) await roomLesson.check(opened.roomName, sink);
    } else {
      const scenes = loaded.script.scenes ?? [{ title: '', turns: loaded.script.turns }];
      for (const [index, scene] of scenes.entries()) {
        if (interrupted) break;
        if (scenes.length > 1)
          sink({ type: 'scene', index: index + 1, of: scenes.length, title: scene.title });
        const opened = await openRoom(scene);
        learner = opened.learner;
        await learner.agentJoined();
        await learner.quiet();
        for (const turn of scene.turns) {
          if (interrupted || sessionFailed || !learner.room.isConnected || !learner.agentPresent) break;
          await learner.say(turn);
          await learner.quiet();
        }
        if (interrupted) break;
        // What only a room shows: once the agent has gone, is the room still there, and who is in it?
        // (A lesson about ending calls gives the agent a moment: the framework's tool ends after its reply.)
        await learner.settle(lesson.needsRoom ? 3000 : 0);
        await roomLesson.check(opened.roomName, sink);
        await learner.leave();
        await learner.disconnected;
      }
    }
  } finally {
    stopping = true;
    // Interrupted: the signal handler is stopping everything; wait for it, so nothing outlives us.
    if (stopped) await stopped;
    else await roomLesson.stop();
  }
  if (serverDied) return 1;
  if (interrupted) return 130;
  if (sessionFailed) {
    process.stderr.write(
      `${pc.red('error:')} the agent's session closed with an error` +
        (mode.model === 'openai' ? ': check OPENAI_API_KEY (and OPENAI_BASE_URL, if set).' : '.') +
        ' LESSON_LOG_LEVEL=info shows the framework log.\n',
    );
    return 1;
  }
  say(
    next
      ? `Next: ${pc.bold(`pnpm lesson ${next.name} ${modeFlags(mode)}`)} (${next.title})`
      : `That was the last lesson. Run pnpm lesson to see them all.`,
  );
  return 0;
}

/**
 * How to join the learner's room from another LiveKit frontend: the server, and a token for this
 * room only that soon expires. LiveKit's hosted frontends connect only to a wss:// server.
 */
async function joinElsewhere(server: RoomServer, roomName: string): Promise<string> {
  const { jwt } = await learnerToken(server, roomName, `guest-${randomBytes(2).toString('hex')}`);
  const hosted = server.url.startsWith('wss://')
    ? `, or open https://meet.livekit.io/custom?liveKitUrl=${encodeURIComponent(server.url)}&token=${jwt}`
    : " (a ws:// server: LiveKit's hosted frontends need wss://, so use a frontend of your own)";
  return pc.dim(
    `To join room ${roomName} from another LiveKit frontend: server ${server.url}, token ${jwt} (this room only, 10 min)${hosted}`,
  );
}
