// The learner's side of a real room, as joinAsLearner (learner.ts) makes it: what it hears on the
// room (participants, lk.transcription, the job's trace on lessons.trace) turned into lesson
// events, and when the agent is quiet, gone, or done with the room.
import { DisconnectReason, type Room, RoomEvent, type TextStreamReader } from '@livekit/rtc-node';
import type { ChatEnd } from '../term/chat.js';
import type { EventSink, LessonEvent } from '../trace/events.js';
import { agentIsQuiet } from './room-quiet.js';
import { TRACE_RPC_METHOD, TRACE_TOPIC } from './topics.js';

const within = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());
const tick = () => new Promise((resolve) => setTimeout(resolve, 25));

export class RoomLearner {
  private lastEvent = performance.now();
  private agentIdentity: string | undefined;
  private agentState = '';
  private speaker = '';
  private ended_ = false;
  // A typed line is a turn in flight until the agent has taken it up: its onUserTurnCompleted
  // ended the turn, or a reply to it was created. (See the offline runner: the same race.)
  private turnTypedAt: number | undefined;
  private firstTranscript: number | undefined;
  // The agent's session, as its job reports it: started, its state, speech not yet done.
  private sessionStarted = false;
  private readonly pendingSpeech = new Set<string>();
  private agentLeft = () => {};
  private readonly agentGone = new Promise<void>((resolve) => (this.agentLeft = resolve));
  private left = false;
  readonly disconnected: Promise<string>;
  readonly ended: Promise<ChatEnd>;
  private traceTaken: Promise<void> = Promise.resolve();

  constructor(
    readonly room: Room,
    readonly identity: string,
    private readonly roomName: string,
    private readonly sink: EventSink,
  ) {
    this.disconnected = this.followParticipants();
    room.registerTextStreamHandler('lk.transcription', (reader, from) =>
      this.onTranscript(reader, from.identity),
    );
    room.registerTextStreamHandler(TRACE_TOPIC, (reader) => void this.inOrder(() => this.onTrace(reader)));
    this.ended = this.whenNobodyIsLeft();
  }

  get agentPresent(): boolean {
    return this.agentIdentity !== undefined;
  }
  get jobEnded(): boolean {
    return this.ended_;
  }
  get firstTranscriptAt(): number | undefined {
    return this.firstTranscript;
  }

  emit = (event: LessonEvent): void => {
    this.lastEvent = performance.now();
    if ((event.type === 'hook' && event.hook !== 'onUserTurnCompleted') || event.type === 'tool')
      this.speaker = event.agent;
    this.sink(event);
  };

  /** Who joins and leaves; resolves with the reason once the learner is disconnected. */
  private followParticipants(): Promise<string> {
    const { room, emit } = this;
    room.on(RoomEvent.ParticipantConnected, (p) => {
      this.agentIdentity ??= p.identity;
      emit({ type: 'room', event: 'participant_joined', identity: p.identity });
    });
    room.on(RoomEvent.ParticipantDisconnected, (p) => {
      if (p.identity === this.agentIdentity) {
        this.agentIdentity = undefined;
        this.agentLeft();
      }
      emit({ type: 'room', event: 'participant_left', identity: p.identity });
    });
    return new Promise<string>((resolve) =>
      room.on(RoomEvent.Disconnected, (reason) => {
        const name = DisconnectReason[reason] ?? String(reason);
        if (reason === DisconnectReason.ROOM_DELETED)
          emit({ type: 'room', event: 'room_deleted', room: this.roomName });
        emit({ type: 'room', event: 'disconnected', identity: this.identity, reason: name });
        resolve(name);
      }),
    );
  }

  private async onTranscript(reader: TextStreamReader, fromIdentity: string): Promise<void> {
    // Read as it streams: if the room goes away mid-sentence, what arrived is what was said.
    let text = '';
    let cutOff = false;
    try {
      for await (const chunk of reader) {
        if (fromIdentity !== this.identity) this.firstTranscript ??= performance.now();
        text += chunk;
      }
    } catch {
      cutOff = true; // disconnected while receiving: keep what came, and say it was cut off
    }
    text = text.trim();
    if (!text) return;
    // The agent publishes both sides. What it heard from the user arrives as from the user, an
    // interim stream then a final one; its own words stream as they are spoken, a segment a stream.
    if (fromIdentity === this.identity) {
      if (reader.info.attributes?.['lk.transcription_final'] === 'true')
        this.emit({ type: 'message', role: 'user', text });
    } else
      this.emit({
        type: 'message',
        role: 'assistant',
        text,
        ...(this.speaker && { agent: this.speaker }),
        ...(cutOff && { interrupted: true }),
      });
  }

  /** Take the job's events sent as an RPC too (its calls that end its part in the room), and answer. */
  answerTraceCalls(): void {
    this.room.localParticipant!.registerRpcMethod(TRACE_RPC_METHOD, async ({ payload }) => {
      await this.inOrder(() => this.onTraceEvent(payload));
      return 'ok';
    });
  }

  /**
   * The job's events in the order it sent them. An RPC arrives after the text streams sent before
   * it, but a stream is read in pieces: taken at once, the RPC's event overtook the end-call tool's
   * event before it, which the room's deletion then cut off (a fresh end-call timeline lost it).
   */
  private inOrder(take: () => unknown): Promise<void> {
    const taken = this.traceTaken.then(take).then(() => {});
    this.traceTaken = taken.catch(() => {});
    return taken;
  }

  private async onTrace(reader: TextStreamReader): Promise<void> {
    try {
      this.onTraceEvent(await reader.readAll());
    } catch {
      // a trace event cut off by a disconnect
    }
  }

  private onTraceEvent(json: string): void {
    try {
      const event = JSON.parse(json) as LessonEvent;
      if (event.type === 'job' || event.type === 'close') this.ended_ = true;
      if (event.type === 'hook_end' && event.hook === 'onUserTurnCompleted' && event.result !== 'ok') {
        this.turnTypedAt = undefined;
      }
      if (event.type === 'agent_state') {
        this.sessionStarted = true;
        this.agentState = event.state;
        this.lastEvent = performance.now();
      } else if (event.type === 'speech') {
        if (event.event === 'created') {
          this.pendingSpeech.add(event.id);
          this.turnTypedAt = undefined;
        } else this.pendingSpeech.delete(event.id);
        this.lastEvent = performance.now();
      } else this.emit(event);
    } catch {
      // not an event of ours
    }
  }

  /** Resolves, with what happened, once there is nobody to talk to: the agent left, or the room went. */
  private whenNobodyIsLeft(): Promise<ChatEnd> {
    const asDisconnected = (reason: string): ChatEnd => ({
      what: `You were disconnected from the room (${reason}): the call is over.`,
    });
    return Promise.race([
      this.disconnected.then(asDisconnected),
      // The agent left; a shutdown callback may still delete the room: give that a moment to arrive.
      this.agentGone.then(() =>
        Promise.race([
          this.disconnected.then(asDisconnected),
          within(1500).then(() => ({
            what: 'The agent has left the room. You are still in it: the room stays until it is empty.',
            enter: 'Press Enter to leave it and see what is left of the room.',
          })),
        ]),
      ),
    ]);
  }

  async typeLine(text: string): Promise<void> {
    this.emit({ type: 'input', text });
    this.turnTypedAt = performance.now();
    await this.room.localParticipant!.sendText(text, { topic: 'lk.chat' });
  }

  async quiet(): Promise<void> {
    for (;;) {
      if (this.left || !this.room.isConnected) return;
      const turnInFlight = this.turnTypedAt !== undefined && performance.now() - this.turnTypedAt < 15_000;
      const quiet = agentIsQuiet({
        inRoom: this.agentIdentity !== undefined,
        sessionStarted: this.sessionStarted,
        listening: this.agentState === 'listening',
        nothingPending: !turnInFlight && this.pendingSpeech.size === 0,
        idleMs: performance.now() - this.lastEvent,
        seenAtWork: this.speaker !== '',
      });
      if (quiet) return;
      await tick();
    }
  }

  async settle(graceMs = 0): Promise<void> {
    const deadline = performance.now() + graceMs;
    while (!this.ended_ && this.room.isConnected && performance.now() < deadline) await tick();
    if (!this.ended_) return;
    await Promise.race([this.agentGone, this.disconnected, within(10_000)]);
    // A job's shutdown callbacks run after the agent has left the room, and one may delete it
    // (beta.createEndCallTool does): give that a moment to arrive.
    if (this.room.isConnected) await Promise.race([this.disconnected, within(1500)]);
  }

  async agentJoined(timeoutMs = 20_000): Promise<void> {
    const deadline = performance.now() + timeoutMs;
    while (!this.agentIdentity) {
      if (performance.now() > deadline) {
        throw new Error(`the agent did not join room ${this.roomName} within ${timeoutMs / 1000} s`);
      }
      await tick();
    }
  }

  jobHasEnded(): void {
    this.ended_ = true;
  }

  async leave(): Promise<void> {
    if (this.left) return;
    this.left = true;
    if (this.room.isConnected) await this.room.disconnect();
  }
}
