// The offline runner: a real voice.AgentSession with no room. Typed lines go in through the
// end-of-turn path (so every hook runs as it would for speech); replies come out as text.
import {
  JobContext,
  JobProcess,
  type RunningJobInfo,
  initializeLogger,
  runWithJobContextAsync,
  voice,
} from '@livekit/agents';
import { Job, Room as RoomModel } from '@livekit/protocol';
import { Room } from '@livekit/rtc-node';
import type { EventSink, LessonEvent } from '../events.js';
import type { LessonScript } from '../script.js';
import { agentClassesOf, traceAgents } from '../trace.js';
import { OfflineModel } from './model.js';
import { PacedTextOutput } from './paced-output.js';
import { SilentAudioInput, TypedLineSTT } from './typed-input.js';

export interface OfflineSessionOptions {
  /** The lesson's name, for the notes that point at `--mode local`. */
  lesson: string;
  /** The lesson's agent module (its exported Agent subclasses are traced). */
  agentModule: Record<string, unknown>;
  script: LessonScript<unknown>;
  userName: string;
  sink: EventSink;
  /** How long each spoken word takes to "play out". */
  msPerWord?: number;
}

export interface OfflineSession {
  session: voice.AgentSession<unknown>;
  model: OfflineModel;
  /** Type one line, as the user. */
  say(text: string): void;
  /** Resolves when the agent has gone quiet (no event for a moment and listening). */
  quiet(): Promise<void>;
  /** Resolves with the close reason once the session has closed. */
  closed: Promise<string>;
  readonly isClosed: boolean;
  close(): Promise<void>;
}

let loggerReady = false;
let currentSink: EventSink | undefined;

/** The offline job: a real JobContext of a job with no room (as LiveKit's console mode makes). */
class OfflineJobContext extends JobContext {
  constructor(
    private readonly lesson: string,
    private readonly sink: EventSink,
    onShutdown: (reason: string) => void,
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
        'Offline there is no room, so deleteRoom() deletes nothing. In a real room it ends the room for ' +
        `everyone: each participant, SIP callers too, is disconnected. See it: pnpm lesson ${this.lesson} --mode local`,
    });
  }
}

export async function runOfflineSession(options: OfflineSessionOptions): Promise<OfflineSession> {
  const { script, sink, lesson } = options;
  if (!loggerReady) {
    // The framework's log goes to stdout; offline, the transcript is the output.
    initializeLogger({ pretty: false, level: (process.env.LESSON_LOG_LEVEL as 'warn') ?? 'silent' });
    loggerReady = true;
  }
  currentSink = sink;
  traceAgents(agentClassesOf(options.agentModule), () => currentSink);

  const model = new OfflineModel(script);
  const typed = new TypedLineSTT();
  const session = new voice.AgentSession<unknown>({
    llm: model,
    stt: typed,
    vad: null,
    userData: script.userData(options.userName),
    turnHandling: { turnDetection: 'stt', endpointing: { minDelay: 50, maxDelay: 200 } },
  });
  session.input.audio = new SilentAudioInput();
  session.output.transcription = new PacedTextOutput(options.msPerWord ?? 20).asTextOutput();

  let lastActivity = performance.now();
  const touch = () => (lastActivity = performance.now());
  const emit = (event: LessonEvent) => {
    touch();
    sink(event);
  };
  currentSink = emit;

  session.on(voice.AgentSessionEventTypes.AgentStateChanged, touch);
  session.on(voice.AgentSessionEventTypes.ConversationItemAdded, ({ item }) => {
    if (item.type === 'agent_handoff') {
      // The first "handoff" is the session starting its first agent; onEnter shows that one.
      if (item.oldAgentId) emit({ type: 'handoff', from: item.oldAgentId, to: item.newAgentId });
    } else if (item.role === 'user' || item.role === 'assistant') {
      emit({
        type: 'message',
        role: item.role,
        text: item.textContent ?? '',
        ...(item.role === 'assistant' && { agent: session.currentAgent?.constructor.name }),
        ...(item.interrupted && { interrupted: true }),
      });
    }
  });

  let isClosed = false;
  const closed = new Promise<string>((resolve) => {
    session.on(voice.AgentSessionEventTypes.Close, (ev) => {
      isClosed = true;
      emit({ type: 'close', reason: String(ev.reason), ...(ev.error && { error: String(ev.error.error ?? ev.error) }) });
      resolve(String(ev.reason));
    });
  });

  const job = new OfflineJobContext(lesson, emit, (reason) => {
    emit({ type: 'job', call: 'shutdown', ...(reason && { reason }) });
    emit({
      type: 'note',
      text:
        'Offline there is no room to leave. In a real room ctx.shutdown() takes the agent out; the room ' +
        `and everyone else in it stay. See it: pnpm lesson ${lesson} --mode local`,
    });
    // What a real job does on shutdown: close the session, then leave the room.
    void session.close();
  });

  await runWithJobContextAsync(job, () => session.start({ agent: script.agent() }));

  const quiet = async () => {
    for (;;) {
      if (isClosed) return;
      const idleFor = performance.now() - lastActivity;
      if (session.agentState === 'listening' && idleFor >= 150) return;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  };

  return {
    session,
    model,
    say(text: string) {
      emit({ type: 'input', text });
      typed.hear(text);
    },
    quiet,
    closed,
    get isClosed() {
      return isClosed;
    },
    async close() {
      if (!isClosed) await session.close();
      await closed;
    },
  };
}

