// The offline runner: a real voice.AgentSession with no room. Typed lines go in through the
// end-of-turn path (so every hook runs as it would for speech); replies come out as text.
import { quietFrameworkLog } from '../room/quiet-rtc-log.js';
import {
  JobContext,
  type llm,
  JobProcess,
  type RunningJobInfo,
  runWithJobContextAsync,
  voice,
} from '@livekit/agents';
import { Job, Room as RoomModel } from '@livekit/protocol';
import { Room } from '@livekit/rtc-node';
import type { EventSink } from '../trace/events.js';
import type { LessonScript, Scene } from '../lesson/script.js';
import { traceShutdownCallbacks } from '../trace/after.js';
import { agentClassesOf, traceAgents } from '../trace/trace.js';
import { OfflineModel } from '../standin/model.js';
import { SessionActivity } from './session-activity.js';
import { PacedTextOutput } from '../standin/paced-output.js';
import { SilentAudioInput, TypedLineSTT } from '../standin/typed-input.js';

export interface OfflineSessionOptions {
  /** The lesson's agent module (its exported Agent subclasses are traced). */
  agentModule: Record<string, unknown>;
  script: LessonScript<unknown>;
  /** A scene of the script to play instead of its default agent and replies. */
  scene?: Scene<unknown>;
  userName: string;
  sink: EventSink;
  /** How long each spoken word takes to "play out" (default: the script's, else 5 ms). */
  msPerWord?: number;
  /** Another model instead of the offline stand-in (the live-mode wiring test uses OpenAI's plugin). */
  llm?: llm.LLM;
}

export interface OfflineSession {
  session: voice.AgentSession<unknown>;
  model: OfflineModel;
  /** Type one line, as the user. */
  typeLine(text: string): void;
  /** Run `fn` inside the offline job, so getJobContext() works in what it starts (session.run, say). */
  inJob<T>(fn: () => Promise<T>): Promise<T>;
  /** Resolves when the agent has gone quiet (listening, nothing pending), or the session has closed. */
  quiet(): Promise<void>;
  /** Resolves with the close reason once the session has closed. */
  closed: Promise<string>;
  readonly isClosed: boolean;
  close(): Promise<void>;
}

/** Each session's event sink, for the hook trace (several sessions may run at once in tests). */
const sinks = new WeakMap<voice.AgentSession<unknown>, EventSink>();

/** The offline job: a real JobContext of a job with no room (as LiveKit's console mode makes). */
class OfflineJobContext extends JobContext {
  constructor(
    private readonly sink: EventSink,
    onShutdown: (reason: string) => void,
    private readonly onRoomGone: () => void,
  ) {
    const info: RunningJobInfo = {
      acceptArguments: { name: '', identity: 'offline-agent', metadata: '' },
      job: new Job({ id: `offline-${process.pid}`, room: new RoomModel({ name: 'offline (no room)' }) }),
      url: '',
      token: '',
      workerId: 'offline',
      fakeJob: true,
    };
    const noInference = { doInference: async () => Promise.reject(new Error('no inference offline')) };
    super(new JobProcess(), info, new Room(), () => {}, onShutdown, noInference);
  }

  override async deleteRoom(): Promise<void> {
    this.sink({ type: 'job', call: 'deleteRoom' });
    this.sink({
      type: 'note',
      text:
        'offline, there is no room to delete. In a real room everyone in it, SIP callers too, is ' +
        `disconnected and the job ends (so the session closes here too). See it: --mode local`,
    });
    this.onRoomGone();
  }
}

/** The lesson's script, with a scene's agent and replies (its replies first) when one is played. */
function scriptOf(options: OfflineSessionOptions): LessonScript<unknown> {
  const { scene } = options;
  return {
    ...options.script,
    agent: scene?.agent ?? options.script.agent,
    replies: [...(scene?.replies ?? []), ...options.script.replies],
  };
}

/** A session with no room: typed lines heard by the stand-in STT, replies paced like speech. */
function offlineAgentSession(script: LessonScript<unknown>, options: OfflineSessionOptions) {
  const model = new OfflineModel(script);
  const typed = new TypedLineSTT();
  const session = new voice.AgentSession<unknown>({
    llm: options.llm ?? model,
    stt: typed,
    vad: null,
    userData: script.userData(options.userName),
    // A typed line is whole when it arrives: nothing to wait for before the turn ends.
    turnHandling: { turnDetection: 'stt', endpointing: { minDelay: 0, maxDelay: 200 } },
    ...script.sessionOptions,
  });
  model.userData = () => session.userData;
  session.input.audio = new SilentAudioInput();
  session.output.transcription = new PacedTextOutput(
    options.msPerWord ?? script.msPerWord ?? 5,
  ).asTextOutput();
  return { session, model, typed };
}

/** The session's conversation and its close as lesson events; resolves with the close reason. */
function reportSession(session: voice.AgentSession<unknown>, activity: SessionActivity): Promise<string> {
  const { emit } = activity;
  session.on(voice.AgentSessionEventTypes.ConversationItemAdded, ({ item }) => {
    if (item.type === 'agent_handoff') {
      // The first "handoff" is the session starting its first agent; onEnter shows that one.
      if (item.oldAgentId) emit({ type: 'handoff', from: item.oldAgentId, to: item.newAgentId });
    } else if (item.role === 'user' || item.role === 'assistant') {
      emit({
        type: 'message',
        role: item.role,
        text: item.textContent ?? '',
        ...(item.role === 'assistant' && {
          agent: activity.speaker || session.currentAgent.constructor.name,
        }),
        ...(item.interrupted && { interrupted: true }),
      });
    }
  });
  return new Promise<string>((resolve) => {
    session.on(voice.AgentSessionEventTypes.Close, (ev) => {
      emit({ type: 'close', reason: String(ev.reason), ...(ev.error && { error: ev.error.type }) });
      resolve(String(ev.reason));
    });
  });
}

/** The offline job, which ends as a real job does: close the session, then run the shutdown callbacks. */
function offlineJob(session: voice.AgentSession<unknown>, emit: EventSink) {
  let ending: Promise<void> | undefined;
  const endJob = () =>
    (ending ??= (async () => {
      await session.close();
      for (const callback of job.shutdownCallbacks) await callback();
    })());
  const job: OfflineJobContext = new OfflineJobContext(
    emit,
    (reason) => {
      emit({ type: 'job', call: 'shutdown', ...(reason && { reason }) });
      emit({
        type: 'note',
        text: 'offline, there is no room to leave. In a real room the agent leaves; the room and everyone else in it stay. See it: --mode local',
      });
      void endJob();
    },
    () => void endJob(),
  );
  return { job, endJob };
}

export async function runOfflineSession(options: OfflineSessionOptions): Promise<OfflineSession> {
  const script = scriptOf(options);
  quietFrameworkLog(); // the framework's log goes to stdout; offline, the transcript is the output
  traceAgents(agentClassesOf(options.agentModule), (session) => sinks.get(session));
  const { session, model, typed } = offlineAgentSession(script, options);
  const activity = new SessionActivity(session, options.sink);
  const { emit } = activity;
  sinks.set(session, emit);
  const closed = reportSession(session, activity);
  const { job, endJob } = offlineJob(session, emit);
  traceShutdownCallbacks(job, emit);
  await runWithJobContextAsync(job, () => session.start({ agent: script.agent() }));

  return {
    session,
    model,
    typeLine(text: string) {
      emit({ type: 'input', text });
      activity.typed();
      typed.hear(text);
    },
    inJob: (fn) => runWithJobContextAsync(job, fn),
    quiet: () => activity.quiet(),
    closed,
    get isClosed() {
      return activity.isClosed;
    },
    async close() {
      if (!activity.isClosed) await session.close();
      await closed;
      // The offline job ends with its session: its shutdown callbacks run, as a real job's do.
      await endJob();
    },
  };
}
