// A lesson in a real room: the lesson's agent dispatched into a fresh room on a livekit-server,
// and the learner in the same room as a participant. Local and live mode differ only in where
// the server comes from: started here (local), or LIVEKIT_URL and its keys (live).
import { randomBytes } from 'node:crypto';
import { pc } from '../term/colors.js';
import { chatAtTerminal } from '../term/chat.js';
import { type EventSink, noticeHookFailure } from '../trace/events.js';
import { modeFlags } from '../lesson/modes.js';
import { type PlayOptions, WAIT_FOR_END_MS } from './play.js';
import type { PreparedRoom } from './prepare.js';
import type { Reporter } from '../trace/reporter.js';
import type { Scene } from '../lesson/script.js';
import { StopRequest } from '../term/signals.js';
import { type Learner, learnerToken } from '../room/learner.js';
import { type RoomLesson, type RoomServer, startRoomLesson } from '../room/room-lesson.js';
import { watchRoomLesson } from '../room/watch.js';

// Where they were before (tests, the bench and the playground import them from here).
export { type RoomLesson, type RoomServer, startRoomLesson };

const CLOSE_DEADLINE_MS = 4000;

/**
 * Local or live mode, once `prepareMode` (run before the header) has found or built the server
 * binary, or checked LIVEKIT_URL and its keys.
 */
export async function playInRoom(
  options: PlayOptions,
  reporter: Reporter,
  prepared: PreparedRoom,
): Promise<number> {
  // From the first instant (the server's start, the agent joining): a stop ends the
  // lesson at once. What is not up yet needs no stopping: the launcher ends every process this
  // one started when it exits (bin/supervise.mjs).
  const stop = new StopRequest();
  const state: RoomState = { stop, failed: false };
  let fail!: (message: string) => void;
  const failure = new Promise<number>((resolve) => {
    fail = (message) => {
      if (stop.isRequested || state.failed) return;
      state.failed = true;
      process.stderr.write(`${pc.red('error:')} ${message}\n`);
      resolve(1);
    };
  });
  state.fail = fail;
  const played = playLesson(options, reporter, state, prepared);
  played.catch(() => {}); // once stopped or failed, what it was waiting on may fail: no longer news
  const stopped = stop.requested.then((why) => {
    const what = prepared.room === 'local' ? 'the worker and the server' : 'the worker';
    reporter.say(pc.dim(`\n${why}: leaving the room, stopping ${what}…`));
    return 130;
  });
  const code = await Promise.race([played, stopped, failure]);
  state.unwatch?.();
  if (code !== 0 || stop.isRequested) {
    const deadline = new Promise((resolve) => setTimeout(resolve, CLOSE_DEADLINE_MS).unref());
    // A job still starting holds the worker's close for its full 3 s: on a stop, give it less
    // (the launcher ends the job processes with the rest of the lesson's process group).
    await Promise.race([Promise.all([state.learner?.leave(), state.roomLesson?.stop(1500)]), deadline]);
  }
  stop.dispose();
  return stop.isRequested ? 130 : code;
}

interface RoomState {
  stop: StopRequest;
  failed: boolean;
  fail?: (message: string) => void;
  roomLesson?: RoomLesson;
  learner?: Learner;
  unwatch?: () => void;
}

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

/** The server, the worker and the watch on them: what every way of playing in a room starts with. */
async function startWatched(
  state: RoomState,
  prepared: PreparedRoom,
  lessonName: string,
  files: { agentModule: string; jobEntry: string },
  say: Reporter['say'],
): Promise<RoomLesson | undefined> {
  const roomLesson = (state.roomLesson = await startForMode(prepared, lessonName, files, say));
  if (!roomLesson) return undefined;
  // The server dying mid-lesson must end the lesson with a clear line, not a hang.
  roomLesson.server.process?.once('exit', (code, signal) => {
    if (!state.roomLesson?.stopping)
      state.fail!(`livekit-server stopped (${signal ?? `exit ${code}`}); the lesson cannot go on.`);
  });
  state.unwatch = watchRoomLesson({
    worker: roomLesson.worker,
    httpUrl: roomLesson.server.httpUrl,
    learner: () => state.learner,
    fail: (message) => !roomLesson.stopping && state.fail!(message),
  });
  return roomLesson;
}

async function playLesson(
  { lesson, next, mode, user, json, host }: PlayOptions,
  { sink: report, say }: Reporter,
  state: RoomState,
  prepared: PreparedRoom,
): Promise<number> {
  const { sink: traced, failure } = noticeHookFailure(report);
  // A session that fails in its job (a model it cannot reach, say) ends the lesson's exit code too.
  let sessionFailed = false;
  const sink: EventSink = (event) => {
    if (event.type === 'close' && event.reason === 'error') sessionFailed = true;
    traced(event);
  };
  const ended = () => state.stop.isRequested || state.failed;
  const [loaded, files] = await Promise.all([host.loadLesson(lesson), host.lessonFiles(lesson)]);
  if (ended()) return 130;
  const roomLesson = await startWatched(state, prepared, lesson.name, files, say);
  if (!roomLesson) return 1;
  const openRoom = async (scene?: Scene<unknown>) => {
    const opened = await roomLesson.open(user, sink, scene);
    state.learner = opened.learner;
    if (prepared.room === 'remote') say(await joinElsewhere(roomLesson.server, opened.roomName));
    return opened;
  };

  if (host.stdin.isTTY && !json) {
    const { roomName, learner } = await openRoom();
    await learner.agentJoined();
    await chatAtTerminal(
      { say: (text) => learner.say(text), quiet: () => learner.quiet(), ended: learner.ended },
      {
        intro: 'You are in the room. Type as the user; an empty line or Ctrl+D leaves.',
        suggestions: loaded.script.suggestions ?? loaded.script.turns,
        stop: state.stop,
      },
    );
    if (ended()) return 130;
    await roomLesson.check(roomName, sink);
    await learner.leave();
    // What runs after the call (the session's close, onSessionEnd, shutdown callbacks) comes from
    // the job by a file, once it has run.
    await roomLesson.afterCall(roomName, undefined, ended);
  } else {
    const scenes = loaded.script.scenes ?? [{ title: '', turns: loaded.script.turns }];
    for (const [index, scene] of scenes.entries()) {
      if (ended()) return 130;
      if (scenes.length > 1) sink({ type: 'scene', index: index + 1, of: scenes.length, title: scene.title });
      const { roomName, learner } = await openRoom(scene);
      await learner.agentJoined();
      await learner.quiet();
      for (const turn of scene.turns) {
        if (ended() || sessionFailed || !learner.room.isConnected || !learner.agentPresent) break;
        await learner.say(turn);
        await learner.quiet();
      }
      if (ended()) return 130;
      // What only a room shows: once the agent has gone, is the room still there, and who is in it?
      // (A lesson about ending calls gives the agent a moment: the framework's tool ends after its reply.)
      await learner.settle(scene.waitForEnd ? WAIT_FOR_END_MS : lesson.needsRoom ? 3000 : 0);
      await roomLesson.check(roomName, sink);
      await learner.leave();
      await learner.disconnected;
      // What runs after the call (the session's close, onSessionEnd, shutdown callbacks) comes
      // from the job by a file, once it has run: wait for it before the next scene.
      await roomLesson.afterCall(roomName, undefined, ended);
    }
  }
  await roomLesson.stop();
  if (failure()) {
    process.stderr.write(`${pc.red('error:')} ${failure()}. Fix the hook, then run the lesson again.\n`);
    return 1;
  }
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
