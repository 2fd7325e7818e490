// The job a local-mode worker runs: the lesson's own defineAgent (src/main.ts: prewarm, entry,
// onSessionEnd), unchanged, with the hooks and tools of its agent classes (src/agent.ts, beside
// it) and its job calls traced to the learner over the room (topic lessons.trace). From the
// session's close on, the trace goes to a file the CLI follows instead (LESSON_TRACE_FILE): what
// runs after the call (onSessionEnd, shutdown callbacks) runs when the room may be gone. Loaded
// by the job processes the framework forks; the path of the lesson's compiled main and of the
// trace file come in the runner's job settings (modes.ts).
import { type JobContext, defineAgent, voice } from '@livekit/agents';
import { appendFileSync } from 'node:fs';
import { setMaxListeners } from 'node:events';
import { pathToFileURL } from 'node:url';
import { traceShutdownCallbacks, tracedSessionEnd } from '../trace/after.js';
import type { EventSink, LessonEvent } from '../trace/events.js';
import { readJobSettings } from '../lesson/modes.js';
import { agentClassesOf, traceAgents } from '../trace/trace.js';
import { voiceNotices, warmStandInVoice } from '../voice/stand-in-voice.js';
import { quietRtcLog } from './quiet-rtc-log.js';
import { deliverTraceEvent } from './trace-delivery.js';

// This process's stdout is the learner's terminal too (the framework forks jobs with it).
quietRtcLog();
// The session's remote-session stream (rtc-node's FfiClient.waitFor) adds an abort listener per
// packet to one AbortSignal, passing Node's default of 10 and printing a leak warning to the
// learner's terminal in every lesson with a tool. It is not a leak of ours; raise the default.
setMaxListeners(100);

const settings = readJobSettings()!;
// This process is started before its job (the worker keeps one idle): start the stand-in's voice
// now too, so the greeting does not wait for its process to start.
if (settings.model === 'stand-in') warmStandInVoice();
const mainPath = settings.agentModule;
// Loaded before the framework reads this module's definition, so the lesson's prewarm and
// onSessionEnd are there when it looks. The classes live in agent.ts and main.ts imports them:
// both compiled files share one copy.
const [lesson, agents] = await Promise.all([
  import(mainPath),
  import(new URL('agent.mjs', pathToFileURL(mainPath)).href),
]);
const definition = lesson.default as ReturnType<typeof defineAgent>;

/** The after-the-call file: one JSON line per event, `{ room, event }`, and `{ room, done }` last. */
const traceFile = settings.traceFile;
let jobRoom = '';
const toFile = (line: object) => {
  if (traceFile) appendFileSync(traceFile, `${JSON.stringify({ room: jobRoom, ...line })}\n`);
};
// The job process exits once everything after the call has run: then the CLI can stop waiting.
process.once('exit', () => toFile({ done: true }));
let sinkOfJob: EventSink | undefined;

/** `acknowledged`: resolves once the learner has the event (see TRACE_RPC_METHOD), if it can. */
type Send = (event: LessonEvent, acknowledged?: boolean) => Promise<void>;

/**
 * How the job's events reach the learner: they wait for the connection, then go out in order on
 * the trace topic; from the session's close on (or once the room is gone) they go to the file.
 */
function traceSender(ctx: JobContext): Send {
  let afterClose = false;
  let wasConnected = false;
  const pending: LessonEvent[] = [];
  let sending = Promise.resolve();
  const send: Send = (event, acknowledged = false) => {
    if (event.type === 'close') afterClose = true;
    if ((afterClose || (wasConnected && !ctx.room.isConnected)) && traceFile) {
      toFile({ event });
      return Promise.resolve();
    }
    if (!ctx.room.isConnected) {
      pending.push(event);
      return Promise.resolve();
    }
    sending = sending
      .then(() => deliverTraceEvent(ctx.room, JSON.stringify(event), acknowledged))
      .then(
        () => {},
        () => {},
      );
    return sending;
  };
  const connect = ctx.connect.bind(ctx);
  ctx.connect = async (...args) => {
    await connect(...args);
    wasConnected = true;
    for (const event of pending.splice(0)) void send(event);
  };
  return send;
}

/**
 * The two ways a job ends its part in a call: report them before they happen, and only once the
 * learner has the report (under load, a report sent as text just before the room went was lost).
 */
function reportJobCalls(ctx: JobContext, send: Send): void {
  const shutdown = ctx.shutdown.bind(ctx);
  ctx.shutdown = (reason = '') => {
    void send({ type: 'job', call: 'shutdown', ...(reason && { reason }) }, true).finally(() =>
      shutdown(reason),
    );
  };
  const deleteRoom = ctx.deleteRoom.bind(ctx);
  ctx.deleteRoom = async (roomName?: string) => {
    await send({ type: 'job', call: 'deleteRoom' }, true);
    return deleteRoom(roomName);
  };
}

/** Each session of the job, once: its close, its speech and state, handoffs. */
function followSessions(send: Send): (session: voice.AgentSession<unknown>) => EventSink {
  const sessions = new WeakSet<voice.AgentSession<unknown>>();
  return (session) => {
    if (!sessions.has(session)) {
      sessions.add(session);
      // First in line: the lesson's own close listener may end the job, and the trace should
      // show the close before what it caused.
      session.prependListener(
        voice.AgentSessionEventTypes.Close,
        (ev) => void send({ type: 'close', reason: String(ev.reason) }),
      );
      // For the learner's side to know when the agent has finished answering (not shown).
      session.on(voice.AgentSessionEventTypes.SpeechCreated, ({ speechHandle }) => {
        void send({ type: 'speech', event: 'created', id: speechHandle.id });
        speechHandle.addDoneCallback(() => void send({ type: 'speech', event: 'done', id: speechHandle.id }));
      });
      session.on(voice.AgentSessionEventTypes.AgentStateChanged, (ev) => {
        void send({ type: 'agent_state', state: ev.newState });
      });
      session.on(voice.AgentSessionEventTypes.ConversationItemAdded, ({ item }) => {
        if (item.type === 'agent_handoff' && item.oldAgentId) {
          void send({ type: 'handoff', from: item.oldAgentId, to: item.newAgentId });
        }
      });
    }
    return (event) => void send(event);
  };
}

export default defineAgent({
  ...(definition.prewarm && { prewarm: definition.prewarm }),
  onSessionEnd: tracedSessionEnd(definition.onSessionEnd, () => sinkOfJob),
  entry: async (ctx: JobContext) => {
    jobRoom = ctx.job.room?.name ?? '';
    const send = traceSender(ctx);
    reportJobCalls(ctx, send);
    sinkOfJob = (event) => void send(event);
    // The stand-in voice lost (its synthesis process died): one note on the trace, not stderr.
    voiceNotices.tell = (text) => sinkOfJob?.({ type: 'note', text });
    traceShutdownCallbacks(ctx, sinkOfJob);
    traceAgents(agentClassesOf(agents), followSessions(send));
    return definition.entry(ctx);
  },
});
