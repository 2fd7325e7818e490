// Local mode: the lesson's agent in a real room on a real livekit-server on this machine, and
// the learner in the same room as a participant.
import type { AgentServer } from '@livekit/agents';
import { AgentDispatchClient, RoomServiceClient } from 'livekit-server-sdk';
import { pc } from '../colors.js';
import { chatAtTerminal } from '../chat.js';
import type { CliHost } from '../cli.js';
import { type EventSink, noticeHookFailure } from '../events.js';
import { type PlayOptions, WAIT_FOR_END_MS } from '../play.js';
import type { Reporter } from '../reporter.js';
import type { Scene } from '../script.js';
import { type Learner, joinAsLearner } from './learner.js';
import { type LocalServer, startServer } from './server.js';
import { lessonWorkerOptions, startWorker } from './worker.js';
import { LESSON_AGENT_ENV, LESSON_TRACE_FILE_ENV } from './topics.js';
import { StopRequest } from '../signals.js';
import { watchRoomLesson } from './watch.js';
import { afterCallTrace } from './after-file.js';

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
}: {
  /** Start a server from this binary (stopped with the lesson)… */
  serverBinary?: string;
  /** …or use one that is already running (left running). */
  server?: Omit<LocalServer, 'process' | 'stop'>;
  lessonName: string;
  agentModule: string;
  jobEntry: string;
  numIdleProcesses?: number;
}): Promise<RoomLesson> {
  const server: LocalServer = given
    ? { ...given, process: undefined as never, stop: async () => {} }
    : await startServer(serverBinary!);
  // The job processes inherit the environment: local mode, the offline stand-in, this lesson.
  process.env.LESSON_MODE = 'local';
  process.env[LESSON_AGENT_ENV] = agentModule;
  process.env.LOG_LEVEL ??= process.env.LESSON_LOG_LEVEL ?? 'fatal';
  const after = afterCallTrace();
  process.env[LESSON_TRACE_FILE_ENV] = after.path;
  const agentName = `lesson-${lessonName}-${process.pid}`;
  const worker = await startWorker(
    await lessonWorkerOptions(server, {
      agent: jobEntry,
      agentName,
      numIdleProcesses,
      logLevel: process.env.LOG_LEVEL,
    }),
  );

  const rooms = new RoomServiceClient(server.httpUrl, server.apiKey, server.apiSecret);
  const dispatch = new AgentDispatchClient(server.httpUrl, server.apiKey, server.apiSecret);
  let count = 0;
  let stopped: Promise<void> | undefined;
  const newRoom = async () => {
    const roomName = `${lessonName}-${process.pid}-${++count}`;
    await rooms.createRoom({ name: roomName, emptyTimeout: 30 });
    return roomName;
  };
  // An explicit dispatch: this agent, this room, and the scene (if any) in its metadata.
  const dispatchInto = async (roomName: string, scene?: Pick<Scene<unknown>, 'id'>) => {
    await dispatch.createDispatch(roomName, agentName, { metadata: scene?.id ?? '' });
  };
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
      return (stopped ??= (async () => {
        await Promise.race([worker.close(), new Promise((resolve) => setTimeout(resolve, workerMs).unref())]);
        await server.stop();
        after.stop();
      })());
    },
  };
}

const CLOSE_DEADLINE_MS = 4000;

/** Local mode, once `prepareMode` (run before the header) has found or built the server binary. */
export async function playLocal(options: PlayOptions, reporter: Reporter, binary: string): Promise<number> {
  // From the first instant (the server's start, the agent joining): a stop ends the
  // lesson at once. What is not up yet needs no stopping: the launcher ends every process this
  // one started when it exits (bin/supervise.mjs).
  const stop = new StopRequest();
  const state: LocalState = { stop, failed: false };
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
  const played = playInRoom(options, reporter, state, binary);
  played.catch(() => {}); // once stopped or failed, what it was waiting on may fail: no longer news
  const stopped = stop.requested.then((why) => {
    reporter.say(pc.dim(`\n${why}: leaving the room, stopping the worker and the server…`));
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

interface LocalState {
  stop: StopRequest;
  failed: boolean;
  fail?: (message: string) => void;
  roomLesson?: RoomLesson;
  learner?: Learner;
  unwatch?: () => void;
}

async function playInRoom(
  { lesson, next, user, json, host }: PlayOptions,
  { sink: report, say }: Reporter,
  state: LocalState,
  binary: string,
): Promise<number> {
  const { sink, failure } = noticeHookFailure(report);
  const ended = () => state.stop.isRequested || state.failed;
  const [loaded, files] = await Promise.all([host.loadLesson(lesson), host.lessonFiles(lesson)]);
  if (ended()) return 130;
  say(pc.dim(`Starting livekit-server (${binary}) on loopback and a worker for ${lesson.name}…`));
  const roomLesson = (state.roomLesson = await startRoomLesson({
    serverBinary: binary,
    lessonName: lesson.name,
    agentModule: files.agentModule,
    jobEntry: files.jobEntry,
  }));
  // The server dying mid-lesson must end the lesson with a clear line, not a hang.
  roomLesson.server.process.once('exit', (code, signal) => {
    if (!state.roomLesson?.stopping)
      state.fail!(`livekit-server stopped (${signal ?? `exit ${code}`}); the lesson cannot go on.`);
  });
  state.unwatch = watchRoomLesson({
    worker: roomLesson.worker,
    httpUrl: roomLesson.server.httpUrl,
    learner: () => state.learner,
    fail: (message) => !roomLesson.stopping && state.fail!(message),
  });

  if (host.stdin.isTTY && !json) {
    const opened = await roomLesson.open(user, sink);
    const learner = (state.learner = opened.learner);
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
    await roomLesson.check(opened.roomName, sink);
    await learner.leave();
    // What runs after the call (the session's close, onSessionEnd, shutdown callbacks) comes from
    // the job by a file, once it has run.
    await roomLesson.afterCall(opened.roomName, undefined, ended);
  } else {
    const scenes = loaded.script.scenes ?? [{ title: '', turns: loaded.script.turns }];
    for (const [index, scene] of scenes.entries()) {
      if (ended()) return 130;
      if (scenes.length > 1) sink({ type: 'scene', index: index + 1, of: scenes.length, title: scene.title });
      const opened = await roomLesson.open(user, sink, scene);
      const learner = (state.learner = opened.learner);
      await learner.agentJoined();
      await learner.quiet();
      for (const turn of scene.turns) {
        if (ended() || !learner.room.isConnected || !learner.agentPresent) break;
        await learner.say(turn);
        await learner.quiet();
      }
      if (ended()) return 130;
      // What only a room shows: once the agent has gone, is the room still there, and who is in it?
      // (A lesson about ending calls gives the agent a moment: the framework's tool ends after its reply.)
      await learner.settle(scene.waitForEnd ? WAIT_FOR_END_MS : lesson.needsRoom ? 3000 : 0);
      await roomLesson.check(opened.roomName, sink);
      await learner.leave();
      await learner.disconnected;
      // What runs after the call (the session's close, onSessionEnd, shutdown callbacks) comes
      // from the job by a file, once it has run: wait for it before the next scene.
      await roomLesson.afterCall(opened.roomName, undefined, ended);
    }
  }
  await roomLesson.stop();
  if (failure()) {
    process.stderr.write(`${pc.red('error:')} ${failure()}. Fix the hook, then run the lesson again.\n`);
    return 1;
  }
  say(
    next
      ? `Next: ${pc.bold(`pnpm lesson ${next.name} --mode local`)} (${next.title})`
      : `That was the last lesson. Run pnpm lesson to see them all.`,
  );
  return 0;
}
