// A lesson's rooms on a LiveKit server: a worker for the lesson registered under an agent name of
// its own, and for each learner a fresh room, the learner joined, the agent dispatched into it.
// The server is one this process starts (local mode) or one already running (yours, or a test's).
import type { AgentServer } from '@livekit/agents';
import { AgentDispatchClient, RoomServiceClient } from 'livekit-server-sdk';
import { randomBytes } from 'node:crypto';
import type { EventSink } from '../trace/events.js';
import { type JobSettings, passJobSettings } from '../lesson/modes.js';
import type { Scene } from '../lesson/script.js';
import { afterCallTrace } from './after-file.js';
import { type Learner, joinAsLearner } from './learner.js';
import { type LocalServer, startServer } from './server.js';
import { lessonWorkerOptions, startWorker } from './worker.js';
import { learnerAgentName } from '../workshop/learner-id.js';

/** A LiveKit server to hold the lesson's rooms: the local one, or yours. */
export type RoomServer = Pick<LocalServer, 'url' | 'httpUrl' | 'apiKey' | 'apiSecret'>;

export interface RoomLesson {
  server: LocalServer;
  worker: AgentServer;
  agentName: string;
  rooms: RoomServiceClient;
  /** Create a fresh room, join it as the learner, and dispatch the lesson's agent into it. */
  open(
    user: string,
    sink: EventSink,
    scene?: Scene<unknown>,
  ): Promise<{ roomName: string; learner: Learner }>;
  /** A fresh room (no one in it yet), for a learner who joins by other means (the playground page). */
  newRoom(): Promise<string>;
  /** Dispatch the lesson's agent into a room, with the scene (if any) in its metadata. */
  dispatch(roomName: string, scene?: Pick<Scene<unknown>, 'id'>): Promise<void>;
  /** Whether the room still exists on the server, and who is in it: reported as a room_exists event. */
  check(roomName: string, sink: EventSink): Promise<{ exists: boolean; participants: string[] }>;
  /**
   * Stop the worker (giving it up to `workerMs` to close its jobs), then the server (if it
   * started it); once, however often called.
   */
  stop(workerMs?: number): Promise<void>;
  /** True from the moment stop() was first called. */
  readonly stopping: boolean;
  /** Resolves once the job in the room has run what comes after the call and exited (false: timed out). */
  afterCall(roomName: string, timeoutMs?: number, cancelled?: () => boolean): Promise<boolean>;
}

/** Fresh rooms for a lesson's run (`<prefix>-1`, `-2`, …), and the explicit dispatch of its agent into one. */
/**
 * The lesson's rooms, named for the run (or, on a shared server, for the learner's agent, with
 * whose room it is in the metadata for `pnpm workshop status`, which reads the server's API only).
 */
function lessonRooms(
  server: RoomServer,
  agentName: string,
  { prefix, learner, lessonName }: { prefix: string; learner?: string; lessonName: string },
) {
  const rooms = new RoomServiceClient(server.httpUrl, server.apiKey, server.apiSecret);
  const dispatch = new AgentDispatchClient(server.httpUrl, server.apiKey, server.apiSecret);
  let count = 0;
  const newRoom = async () => {
    const roomName = learner ? `${agentName}.${++count}` : `${prefix}-${++count}`;
    const metadata = learner
      ? JSON.stringify({ kind: 'lesson', learner, lesson: lessonName, agent: agentName })
      : '';
    await rooms.createRoom({ name: roomName, emptyTimeout: 30, metadata });
    return roomName;
  };
  // An explicit dispatch: this agent, this room, and the scene (if any) in its metadata.
  const dispatchInto = async (roomName: string, scene?: Pick<Scene<unknown>, 'id'>) => {
    await dispatch.createDispatch(roomName, agentName, { metadata: scene?.id ?? '' });
  };
  return { rooms, newRoom, dispatchInto };
}

/** The worker first (its jobs end with it, within `workerMs`), then the server, then the trace file. */
async function stopAll(
  worker: AgentServer,
  server: LocalServer,
  after: ReturnType<typeof afterCallTrace>,
  workerMs: number,
): Promise<void> {
  await Promise.race([worker.close(), new Promise((resolve) => setTimeout(resolve, workerMs).unref())]);
  await server.stop();
  after.stop();
}

export interface RoomLessonOptions {
  /** Start a server from this binary (stopped with the lesson)… */
  serverBinary?: string;
  /** …or use one that is already running (left running): a test's, or LIVEKIT_URL's. */
  server?: RoomServer;
  lessonName: string;
  agentModule: string;
  jobEntry: string;
  numIdleProcesses?: number;
  /** Which model the job's session runs on (default: the stand-in). */
  job?: Omit<JobSettings, 'agentModule' | 'traceFile'>;
  /** The learner's id (workshop/learner-id.ts): in the agent's and the rooms' names, and each room's metadata. */
  learner?: string;
}

/**
 * Start a local livekit-server (given its binary) and a worker for one lesson. The worker runs
 * in this process; the framework forks a process per job, which loads `jobEntry` (the kit's
 * wrapper around the lesson's own entry, at `agentModule`).
 */
export async function startRoomLesson({
  serverBinary,
  server: given,
  lessonName,
  agentModule,
  jobEntry,
  numIdleProcesses = 1,
  job,
  learner,
}: RoomLessonOptions): Promise<RoomLesson> {
  const server: LocalServer = given
    ? { ...given, process: undefined as never, stop: async () => {} } // not ours: no process to watch or stop
    : await startServer(serverBinary!);
  process.env.LOG_LEVEL ??= process.env.LESSON_LOG_LEVEL ?? 'fatal';
  const after = afterCallTrace();
  // The job processes the worker forks inherit this one value: the model, this lesson's main, and
  // the file for what comes after the call.
  passJobSettings({ model: 'stand-in', ...job, agentModule, traceFile: after.path });
  // A name of its own, and explicit dispatch: on a server shared by a workshop, no other
  // learner's room gets this agent, and this learner's room gets no one else's.
  const runId = `${process.pid}-${randomBytes(3).toString('hex')}`;
  const agentName = learner ? learnerAgentName(learner, lessonName, runId) : `lesson-${lessonName}-${runId}`;
  const worker = await startWorker(
    await lessonWorkerOptions(server, {
      agent: jobEntry,
      agentName,
      numIdleProcesses,
      logLevel: process.env.LOG_LEVEL,
    }),
  );
  const { rooms, newRoom, dispatchInto } = lessonRooms(server, agentName, {
    prefix: `${lessonName}-${runId}`,
    learner,
    lessonName,
  });
  return roomLessonOf({ server, worker, agentName, rooms, newRoom, dispatchInto, after });
}

/** What a started lesson offers its player: its rooms, the learner in one, the checks, the stop. */
function roomLessonOf({
  server,
  worker,
  agentName,
  rooms,
  newRoom,
  dispatchInto,
  after,
}: Pick<RoomLesson, 'worker' | 'agentName' | 'rooms' | 'newRoom'> &
  ReturnType<typeof lessonRooms> & {
    server: LocalServer;
    after: ReturnType<typeof afterCallTrace>;
  }): RoomLesson {
  let stopped: Promise<void> | undefined;
  return {
    server,
    worker,
    agentName,
    rooms,
    newRoom,
    dispatch: dispatchInto,
    async open(user, sink, scene) {
      const roomName = await newRoom();
      const learner = await joinAsLearner(server, roomName, user, sink);
      after.follow(roomName, sink, () => learner.jobHasEnded());
      await dispatchInto(roomName, scene);
      return { roomName, learner };
    },
    async check(roomName, sink) {
      const exists = (await rooms.listRooms([roomName])).length > 0;
      const participants = exists ? (await rooms.listParticipants(roomName)).map((p) => p.identity) : [];
      sink({ type: 'room', event: 'room_exists', room: roomName, exists, participants });
      return { exists, participants };
    },
    afterCall: (roomName, timeoutMs, cancelled) => after.done(roomName, timeoutMs, cancelled),
    get stopping() {
      return stopped !== undefined;
    },
    stop(workerMs = 3000) {
      return (stopped ??= stopAll(worker, server, after, workerMs));
    },
  };
}
