// When the offline agent is quiet, so the scripted learner may type its next line: from the
// session's own events (agent state, speech handles, the traced hooks, a handoff under way),
// not from a timer.
import { voice } from '@livekit/agents';
import type { EventSink, LessonEvent } from '../trace/events.js';

/** The framework's agent transition (a handoff) in flight: private in 1.9.0, read, never written. */
type Transition = { done: boolean; result: Promise<unknown> } | undefined;
const transitionOf = (session: voice.AgentSession<unknown>): Transition =>
  (session as unknown as { updateActivityTask?: Transition }).updateActivityTask;

/**
 * When the agent is quiet, from the session's own events rather than a timer: it is listening,
 * no typed turn is in flight, no speech is pending, no hook of the lesson's is running, and no
 * handoff is under way. Every event that can change one of those checks again.
 */
export class SessionActivity {
  // Who is speaking: session.currentAgent already names the next agent while the old one's
  // onExit is still saying goodbye, so follow the hooks instead.
  speaker = '';
  // A typed line is a turn in flight until the framework has committed it: the user message is
  // added, or onUserTurnCompleted dropped it. Quiet waits for that, or two quick lines (on a busy
  // machine) would reach the STT before the first turn ended, and merge into one.
  private turnInFlight = false;
  private turnGiveUp: NodeJS.Timeout | undefined;
  private readonly pendingSpeech = new Set<voice.SpeechHandle>();
  private hooksRunning = 0;
  private readonly watchedTransitions = new WeakSet<object>();
  private waiters: (() => void)[] = [];
  private settling = false;
  isClosed = false;

  constructor(
    private readonly session: voice.AgentSession<unknown>,
    private readonly sink: EventSink,
  ) {
    session.on(voice.AgentSessionEventTypes.AgentStateChanged, this.changed);
    session.on(voice.AgentSessionEventTypes.SpeechCreated, ({ speechHandle }) => {
      this.pendingSpeech.add(speechHandle);
      speechHandle.addDoneCallback(() => {
        this.pendingSpeech.delete(speechHandle);
        this.changed();
      });
    });
  }

  emit = (event: LessonEvent): void => {
    if (event.type === 'hook' && event.hook !== 'onUserTurnCompleted') this.speaker = event.agent;
    if (event.type === 'hook') this.hooksRunning += 1;
    if (event.type === 'hook_end') this.hooksRunning -= 1;
    if (
      (event.type === 'message' && event.role === 'user') ||
      (event.type === 'hook_end' && event.hook === 'onUserTurnCompleted' && event.result !== 'ok')
    ) {
      this.turnInFlight = false;
      clearTimeout(this.turnGiveUp);
    }
    if (event.type === 'close') this.isClosed = true;
    this.sink(event);
    this.changed();
  };

  typed(): void {
    this.turnInFlight = true;
    // A line the framework drops without a word (typed mid-handoff, say) must not stall the
    // script: after 10 s, the turn no longer counts as in flight.
    clearTimeout(this.turnGiveUp);
    this.turnGiveUp = setTimeout(() => {
      this.turnInFlight = false;
      this.changed();
    }, 10_000).unref();
  }

  /** Resolves when the agent is quiet (see the class), or the session has closed. */
  quiet(): Promise<void> {
    return new Promise((resolve) => {
      this.waiters.push(resolve);
      this.changed();
    });
  }

  private isQuiet(): boolean {
    if (this.isClosed) return true;
    const transition = transitionOf(this.session);
    if (transition && !transition.done && !this.watchedTransitions.has(transition)) {
      this.watchedTransitions.add(transition);
      // Failed or not, it has ended (finally would pass a failure on, unhandled).
      transition.result.then(this.changed, this.changed);
    }
    return (
      !this.turnInFlight &&
      this.pendingSpeech.size === 0 &&
      this.hooksRunning === 0 &&
      !(transition && !transition.done) &&
      this.session.agentState === 'listening'
    );
  }

  /** Something changed: once it is quiet and stays so past this turn of the event loop, wake the waiters. */
  private changed = (): void => {
    if (!this.waiters.length || this.settling || !this.isQuiet()) return;
    // What the framework does next in the same breath (schedule the reply, start the next
    // agent's onEnter) happens before setImmediate runs; look again then.
    this.settling = true;
    setImmediate(() => {
      this.settling = false;
      if (!this.isQuiet()) return;
      const waiters = this.waiters;
      this.waiters = [];
      for (const wake of waiters) wake();
    });
  };
}
