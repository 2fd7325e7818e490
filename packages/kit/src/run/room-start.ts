// What playing a lesson in a room starts with: the server and the worker (a local server started
// here, or a worker registered with yours), the watch on them, and how to join from elsewhere.
import { randomBytes } from 'node:crypto';
import { learnerToken, type Learner } from '../room/learner.js';
import { type RoomLesson, type RoomServer, startRoomLesson } from '../room/room-lesson.js';
import { watchRoomLesson } from '../room/watch.js';
import { pc } from '../term/colors.js';
import type { StopRequest } from '../term/signals.js';
import type { Reporter } from '../trace/reporter.js';
import type { Desk } from '../workshop/desk.js';
import type { PlayOptions } from './play.js';
import type { PreparedRoom } from './prepare.js';

export interface RoomState {
  stop: StopRequest;
  failed: boolean;
  fail?: (message: string) => void;
  roomLesson?: RoomLesson;
  learner?: Learner;
  unwatch?: () => void;
  desk?: Desk; // on a shared server: the learner's desk (workshop/desk.ts)
}

/** The lesson's server and worker: a local server started here, or a worker registered with yours. */
async function startForMode(
  state: RoomState,
  prepared: PreparedRoom,
  { lesson: { name: lessonName }, learner }: PlayOptions,
  files: { agentModule: string; jobEntry: string },
  print: Reporter['print'],
): Promise<RoomLesson | undefined> {
  const job = { model: prepared.mode.model, ...(prepared.openai && { openai: prepared.openai }) };
  const common = { lessonName, ...files, job };
  if (prepared.room === 'local') {
    print(pc.dim(`Starting livekit-server (${prepared.binary}) on loopback and a worker for ${lessonName}…`));
    return startRoomLesson({ serverBinary: prepared.binary, ...common });
  }
  const { wsUrl: url, httpUrl, apiKey, apiSecret, host } = prepared.settings;
  // A shared server: the learner's id, claimed before the header (prepare.ts).
  state.desk = prepared.learnerDesk?.whenTaken((message) => state.fail!(message));
  print(pc.dim(`Registering a worker for ${lessonName} with ${host}${learner ? ` as ${learner}` : ''}…`));
  try {
    const roomLesson = await startRoomLesson({
      server: { url, httpUrl, apiKey, apiSecret },
      ...common,
      learner,
    });
    await state.desk?.update({ agent: roomLesson.agentName });
    return roomLesson;
  } catch (error) {
    process.stderr.write(
      `${pc.red('error:')} the worker could not register with ${host} (${(error as Error).message}). ` +
        'Check LIVEKIT_API_KEY and LIVEKIT_API_SECRET.\n',
    );
    return undefined;
  }
}

/** The server, the worker and the watch on them: what every way of playing in a room starts with. */
export async function startWatched(
  state: RoomState,
  prepared: PreparedRoom,
  options: PlayOptions,
  files: { agentModule: string; jobEntry: string },
  print: Reporter['print'],
): Promise<RoomLesson | undefined> {
  const roomLesson = (state.roomLesson = await startForMode(state, prepared, options, files, print));
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

/**
 * How to join the learner's room from another LiveKit frontend: the server, and a token for this
 * room only that soon expires. LiveKit's hosted frontends connect only to a wss:// server.
 */
export async function joinElsewhere(server: RoomServer, roomName: string): Promise<string> {
  const { jwt } = await learnerToken(server, roomName, `guest-${randomBytes(2).toString('hex')}`);
  const hosted = server.url.startsWith('wss://')
    ? `, or open https://meet.livekit.io/custom?liveKitUrl=${encodeURIComponent(server.url)}&token=${jwt}`
    : " (a ws:// server: LiveKit's hosted frontends need wss://, so use a frontend of your own)";
  return pc.dim(
    `To join room ${roomName} from another LiveKit frontend: server ${server.url}, token ${jwt} (this room only, 10 min)${hosted}`,
  );
}
