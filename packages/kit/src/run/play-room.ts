// A lesson in a real room: the lesson's agent dispatched into a fresh room on a livekit-server,
// and the learner in the same room as a participant. Local and live mode differ only in where
// the server comes from: started here (local), or LIVEKIT_URL and its keys (live).
import { typeTurns } from '../lesson/turns.js';
import { pc } from '../term/colors.js';
import { chatAtTerminal } from '../term/chat.js';
import { type EventSink, noticeHookFailure } from '../trace/events.js';
import { modeFlags } from '../lesson/modes.js';
import { type PlayOptions, WAIT_FOR_END_MS } from './play.js';
import type { LoadedLesson } from './host.js';
import type { PreparedRoom } from './prepare.js';
import type { Reporter } from '../trace/reporter.js';
import type { Scene } from '../lesson/script.js';
import { StopRequest } from '../term/signals.js';
import type { RoomLesson } from '../room/room-lesson.js';
import { type RoomState, joinElsewhere, startWatched } from './room-start.js';
import type { Learner } from '../room/learner.js';
import { ownAgentJoined } from '../workshop/agent-wait.js';

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
      void state.desk?.update({ lastError: message });
      process.stderr.write(`${pc.red('error:')} ${message}\n`);
      resolve(1);
    };
  });
  state.fail = fail;
  const played = playLesson(options, reporter, state, prepared);
  played.catch(() => {}); // once stopped or failed, what it was waiting on may fail: no longer news
  const stopped = stop.requested.then((why) => {
    const what = prepared.room === 'local' ? 'the worker and the server' : 'the worker';
    reporter.print(pc.dim(`\n${why}: leaving the room, stopping ${what}…`));
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
  await state.desk?.release();
  stop.dispose();
  return stop.isRequested ? 130 : code;
}

type OpenRoom = (scene?: Scene<unknown>) => ReturnType<RoomLesson['open']>;
/** The learner's own agent joined; false once a late agent has failed the lesson (workshop/agent-wait.ts). */
type AgentJoined = (learner: Learner, room: string) => Promise<boolean>;

/** On a terminal: the learner in the room, typing, until the chat ends; then the room checked. False if stopped. */
async function chatInRoom(
  openRoom: OpenRoom,
  agentJoined: AgentJoined,
  roomLesson: RoomLesson,
  loaded: LoadedLesson,
  state: RoomState,
  sink: EventSink,
) {
  const { roomName, learner } = await openRoom();
  if (!(await agentJoined(learner, roomName))) return false;
  await chatAtTerminal(
    { typeLine: (text) => learner.typeLine(text), quiet: () => learner.quiet(), ended: learner.ended },
    {
      intro: 'You are in the room. Type as the user; an empty line or Ctrl+D leaves.',
      suggestions: loaded.script.suggestions ?? loaded.script.turns,
      stop: state.stop,
    },
  );
  const ended = () => state.stop.isRequested || state.failed;
  if (ended()) return false;
  await roomLesson.check(roomName, sink);
  await learner.leave();
  // What runs after the call (the session's close, onSessionEnd, shutdown callbacks) comes from
  // the job by a file, once it has run.
  await roomLesson.afterCall(roomName, undefined, ended);
  return true;
}

/** One scene of the script in a fresh room: its turns typed, then what only a room shows. False if stopped. */
async function playRoomScene(
  scene: Scene<unknown>,
  {
    openRoom,
    agentJoined,
    roomLesson,
    sink,
    ended,
    sessionFailed,
    needsRoom,
  }: {
    openRoom: OpenRoom;
    agentJoined: AgentJoined;
    roomLesson: RoomLesson;
    sink: EventSink;
    ended: () => boolean;
    sessionFailed: () => boolean;
    needsRoom: boolean;
  },
): Promise<boolean> {
  const { roomName, learner } = await openRoom(scene);
  if (!(await agentJoined(learner, roomName))) return false;
  await typeTurns(
    learner,
    scene.turns,
    () => ended() || sessionFailed() || !learner.room.isConnected || !learner.agentPresent,
  );
  if (ended()) return false;
  // What only a room shows: once the agent has gone, is the room still there, and who is in it?
  // (A lesson about ending calls gives the agent a moment: the framework's tool ends after its reply.)
  await learner.settle(scene.waitForEnd ? WAIT_FOR_END_MS : needsRoom ? 3000 : 0);
  await roomLesson.check(roomName, sink);
  await learner.leave();
  await learner.disconnected;
  // What runs after the call (the session's close, onSessionEnd, shutdown callbacks) comes
  // from the job by a file, once it has run: wait for it before the next scene.
  await roomLesson.afterCall(roomName, undefined, ended);
  return true;
}

/** The lesson's end: a hook that failed, a session that closed with an error, or the next lesson. */
function finish(
  { next, mode }: PlayOptions,
  print: Reporter['print'],
  failure: string | undefined,
  sessionFailed: boolean,
) {
  if (failure) {
    process.stderr.write(`${pc.red('error:')} ${failure}. Fix the hook, then run the lesson again.\n`);
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
  print(
    next
      ? `Next: ${pc.bold(`pnpm lesson ${next.name} ${modeFlags(mode)}`)} (${next.title})`
      : `That was the last lesson. Run pnpm lesson to see them all.`,
  );
  return 0;
}

async function playLesson(
  options: PlayOptions,
  { sink: report, print }: Reporter,
  state: RoomState,
  prepared: PreparedRoom,
): Promise<number> {
  const { lesson, user, json, host } = options;
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
  const roomLesson = await startWatched(state, prepared, options, files, print);
  if (!roomLesson) return 1;
  const openRoom: OpenRoom = async (scene) => {
    const opened = await roomLesson.open(user, sink, scene);
    state.learner = opened.learner;
    void state.desk?.update({ room: opened.roomName, agentJoined: false });
    if (prepared.room === 'remote') print(await joinElsewhere(roomLesson.server, opened.roomName));
    return opened;
  };
  // The learner's own agent, or a line saying it is late and what to check.
  const agentJoined: AgentJoined = (learner, room) =>
    ownAgentJoined(learner, {
      room,
      agentName: roomLesson.agentName,
      sink,
      fail: state.fail!,
      desk: state.desk,
    });
  // (Stopped, or failed by a late agent: the failure has already decided the exit code.)
  if (host.stdin.isTTY && !json) {
    if (!(await chatInRoom(openRoom, agentJoined, roomLesson, loaded, state, sink))) return 130;
  } else {
    const scenes = loaded.script.scenes ?? [{ title: '', turns: loaded.script.turns }];
    const playing = {
      openRoom,
      agentJoined,
      roomLesson,
      sink,
      ended,
      sessionFailed: () => sessionFailed,
      needsRoom: lesson.needsRoom,
    };
    for (const [index, scene] of scenes.entries()) {
      if (ended()) return 130;
      if (scenes.length > 1) sink({ type: 'scene', index: index + 1, of: scenes.length, title: scene.title });
      if (!(await playRoomScene(scene, playing))) return 130;
    }
  }
  await roomLesson.stop();
  // What went wrong goes on the learner's desk too, for the instructor's pnpm workshop status.
  if (failure() || sessionFailed) void state.desk?.update({ lastError: failure() || 'the session failed' });
  return finish(options, print, failure(), sessionFailed);
}
