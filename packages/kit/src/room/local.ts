// Local mode: the lesson's agent in a real room on a real livekit-server on this machine, and
// the learner in the same room as a participant.
import type { AgentServer } from '@livekit/agents';
import { AgentDispatchClient, RoomServiceClient } from 'livekit-server-sdk';
import { pc } from '../colors.js';
import { chatAtTerminal } from '../chat.js';
import type { CliHost } from '../cli.js';
import type { EventSink } from '../events.js';
import { type PlayOptions, WAIT_FOR_END_MS } from '../play.js';
import type { Reporter } from '../reporter.js';
import type { Scene } from '../script.js';
import { type Learner, joinAsLearner } from './learner.js';
import { type LocalServer, startServer } from './server.js';
import { lessonWorkerOptions, startWorker } from './worker.js';
import { LESSON_AGENT_ENV, LESSON_TRACE_FILE_ENV } from './topics.js';
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
  /** Whether the room still exists on the server, and who is in it: reported as a room_exists event. */
  check(roomName: string, sink: EventSink): Promise<{ exists: boolean; participants: string[] }>;
  /** Resolves once the job in the room has run what comes after the call and exited (false: timed out). */
  afterCall(roomName: string, timeoutMs?: number, cancelled?: () => boolean): Promise<boolean>;
  stop(): Promise<void>;
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
  return {
    server,
    worker,
    agentName,
    rooms,
    async open(user, sink, scene) {
      const roomName = `${lessonName}-${process.pid}-${++count}`;
      await rooms.createRoom({ name: roomName, emptyTimeout: 30 });
      const learner = await joinAsLearner(server, roomName, user, sink);
      after.follow(roomName, sink, () => learner.jobHasEnded());
      // An explicit dispatch: this agent, this room, and the scene (if any) in its metadata.
      const metadata = scene?.id ?? '';
      await dispatch.createDispatch(roomName, agentName, { metadata });
      return { roomName, learner };
    },
    async check(roomName, sink) {
      const exists = (await rooms.listRooms([roomName])).length > 0;
      const participants = exists ? (await rooms.listParticipants(roomName)).map((p) => p.identity) : [];
      sink({ type: 'room', event: 'room_exists', room: roomName, exists, participants });
      return { exists, participants };
    },
    afterCall: (roomName, timeoutMs, cancelled) => after.done(roomName, timeoutMs, cancelled),
    async stop() {
      await Promise.race([worker.close(), new Promise((resolve) => setTimeout(resolve, 3000).unref())]);
      await server.stop();
      after.stop();
    },
  };
}

const CLOSE_DEADLINE_MS = 4000;

/** Local mode, once `prepareMode` (run before the header) has found or built the server binary. */
export async function playLocal(
  { lesson, next, user, json, host }: PlayOptions,
  { sink, say }: Reporter,
  binary: string,
): Promise<number> {
  const [loaded, files] = await Promise.all([host.loadLesson(lesson), host.lessonFiles(lesson)]);
  say(pc.dim(`Starting livekit-server (${binary}) on loopback and a worker for ${lesson.name}…`));
  const roomLesson = await startRoomLesson({
    serverBinary: binary,
    lessonName: lesson.name,
    agentModule: files.agentModule,
    jobEntry: files.jobEntry,
  });

  let learner: Learner | undefined;
  let interrupted = false;
  let stopping = false;
  let stopped: Promise<unknown> | undefined;
  const stop = async (why: string) => {
    if (interrupted) return;
    interrupted = true;
    say(pc.dim(`\n${why}: leaving the room, stopping the worker and the server…`));
    const deadline = new Promise((resolve) => setTimeout(resolve, CLOSE_DEADLINE_MS).unref());
    stopped = Promise.race([Promise.all([learner?.leave(), roomLesson.stop()]), deadline]);
    await stopped;
  };
  const onSignal = (signal: NodeJS.Signals) => void stop(signal === 'SIGINT' ? 'Ctrl+C' : signal);
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  // The server dying mid-lesson must end the lesson with a clear line, not a hang.
  let serverDied = false;
  roomLesson.server.process.once('exit', (code, signal) => {
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
      const opened = await roomLesson.open(user, sink);
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
      if (!interrupted) {
        await roomLesson.check(opened.roomName, sink);
        await inRoom.leave();
        await roomLesson.afterCall(opened.roomName, undefined, () => interrupted);
      }
    } else {
      const scenes = loaded.script.scenes ?? [{ title: '', turns: loaded.script.turns }];
      for (const [index, scene] of scenes.entries()) {
        if (interrupted) break;
        if (scenes.length > 1)
          sink({ type: 'scene', index: index + 1, of: scenes.length, title: scene.title });
        const opened = await roomLesson.open(user, sink, scene);
        learner = opened.learner;
        await learner.agentJoined();
        await learner.quiet();
        for (const turn of scene.turns) {
          if (interrupted || !learner.room.isConnected || !learner.agentPresent) break;
          await learner.say(turn);
          await learner.quiet();
        }
        if (interrupted) break;
        // What only a room shows: once the agent has gone, is the room still there, and who is in it?
        // (A lesson about ending calls gives the agent a moment: the framework's tool ends after its reply.)
        await learner.settle(scene.waitForEnd ? WAIT_FOR_END_MS : lesson.needsRoom ? 3000 : 0);
        await roomLesson.check(opened.roomName, sink);
        await learner.leave();
        await learner.disconnected;
        // What runs after the call (the session's close, onSessionEnd, shutdown callbacks) comes
        // from the job by a file, once it has run: wait for it before the next scene.
        await roomLesson.afterCall(opened.roomName, undefined, () => interrupted);
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
  say(
    next
      ? `Next: ${pc.bold(`pnpm lesson ${next.name} --mode local`)} (${next.title})`
      : `That was the last lesson. Run pnpm lesson to see them all.`,
  );
  return 0;
}
