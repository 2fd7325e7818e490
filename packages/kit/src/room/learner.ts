// The learner in a real room: a participant on @livekit/rtc-node, typing on lk.chat, reading the
// agent on lk.transcription and its hook trace on lessons.trace, reporting what the room does.
import { DisconnectReason, Room, RoomEvent } from '@livekit/rtc-node';
import { AccessToken } from 'livekit-server-sdk';
import type { ChatEnd } from '../term/chat.js';
import type { EventSink, LessonEvent } from '../trace/events.js';
import type { LocalServer } from './server.js';
import { TRACE_TOPIC } from './topics.js';

export interface Learner {
  room: Room;
  identity: string;
  say(text: string): Promise<void>;
  /** Resolves once the agent is in the room, listening, and nothing has happened for a moment. */
  quiet(): Promise<void>;
  /** Resolves with the disconnect reason once the learner has been disconnected (or left). */
  disconnected: Promise<string>;
  /** Resolves, with what happened, once there is nobody to talk to: the agent left, or the room went. */
  ended: Promise<ChatEnd>;
  /**
   * Wait for the agent to finish with the room: if its job has ended (or ends within `graceMs`),
   * until the agent has left or the learner was disconnected.
   */
  settle(graceMs?: number): Promise<void>;
  /** Resolves when the agent has joined; rejects after `timeoutMs`. */
  agentJoined(timeoutMs?: number): Promise<void>;
  readonly agentPresent: boolean;
  /** True once the agent's job has reported its end (a close, a shutdown or a room deletion). */
  readonly jobEnded: boolean;
  /** When (performance.now()) the first words of the agent's first transcript arrived. */
  readonly firstTranscriptAt: number | undefined;
  leave(): Promise<void>;
  /** The agent's session has closed (its job reports that after the call, not over the room). */
  jobHasEnded(): void;
}

export async function learnerToken(
  server: Pick<LocalServer, 'apiKey' | 'apiSecret'>,
  room: string,
  user: string,
) {
  const token = new AccessToken(server.apiKey, server.apiSecret, {
    identity: `learner-${user.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`,
    name: user,
    ttl: '10m', // short: it is needed to join, and a copy that leaks soon expires
  });
  // This room only: the token joins one room and nothing else.
  token.addGrant({ room, roomJoin: true, canPublish: true, canSubscribe: true, canPublishData: true });
  return { jwt: await token.toJwt(), identity: token.identity! };
}

export async function joinAsLearner(
  server: LocalServer,
  roomName: string,
  user: string,
  sink: EventSink,
): Promise<Learner> {
  const { jwt, identity } = await learnerToken(server, roomName, user);
  const room = new Room();
  let lastEvent = performance.now();
  let agentIdentity: string | undefined;
  let agentState = '';
  let speaker = '';
  let jobEnded = false;
  // A typed line is a turn in flight until the agent has taken it up: its onUserTurnCompleted
  // ended the turn, or a reply to it was created. (See the offline runner: the same race.)
  let turnTypedAt: number | undefined;
  let firstTranscriptAt: number | undefined;
  // The agent's session, as its job reports it: started, its state, speech not yet done.
  let sessionStarted = false;
  const pendingSpeech = new Set<string>();
  let agentLeft = () => {};
  const agentGone = new Promise<void>((resolve) => (agentLeft = resolve));
  const emit = (event: LessonEvent) => {
    lastEvent = performance.now();
    if ((event.type === 'hook' && event.hook !== 'onUserTurnCompleted') || event.type === 'tool')
      speaker = event.agent;
    sink(event);
  };

  room.on(RoomEvent.ParticipantConnected, (p) => {
    agentIdentity ??= p.identity;
    emit({ type: 'room', event: 'participant_joined', identity: p.identity });
  });
  room.on(RoomEvent.ParticipantDisconnected, (p) => {
    if (p.identity === agentIdentity) {
      agentIdentity = undefined;
      agentLeft();
    }
    emit({ type: 'room', event: 'participant_left', identity: p.identity });
  });
  const disconnected = new Promise<string>((resolve) =>
    room.on(RoomEvent.Disconnected, (reason) => {
      const name = DisconnectReason[reason] ?? String(reason);
      if (reason === DisconnectReason.ROOM_DELETED)
        emit({ type: 'room', event: 'room_deleted', room: roomName });
      emit({ type: 'room', event: 'disconnected', identity, reason: name });
      resolve(name);
    }),
  );

  room.registerTextStreamHandler('lk.transcription', async (reader, from) => {
    // Read as it streams: if the room goes away mid-sentence, what arrived is what was said.
    let text = '';
    try {
      for await (const chunk of reader) {
        if (from.identity !== identity) firstTranscriptAt ??= performance.now();
        text += chunk;
      }
    } catch {
      // disconnected while receiving: keep what came
    }
    text = text.trim();
    if (!text) return;
    // The agent publishes both sides. What it heard from the user arrives as from the user, an
    // interim stream then a final one; its own words stream as they are spoken, a segment a stream.
    if (from.identity === identity) {
      if (reader.info.attributes?.['lk.transcription_final'] === 'true')
        emit({ type: 'message', role: 'user', text });
    } else emit({ type: 'message', role: 'assistant', text, ...(speaker && { agent: speaker }) });
  });
  room.registerTextStreamHandler(TRACE_TOPIC, async (reader) => {
    try {
      const event = JSON.parse(await reader.readAll()) as LessonEvent;
      if (event.type === 'job' || event.type === 'close') jobEnded = true;
      if (event.type === 'hook_end' && event.hook === 'onUserTurnCompleted' && event.result !== 'ok') {
        turnTypedAt = undefined;
      }
      if (event.type === 'agent_state') {
        sessionStarted = true;
        agentState = event.state;
        lastEvent = performance.now();
      } else if (event.type === 'speech') {
        if (event.event === 'created') {
          pendingSpeech.add(event.id);
          turnTypedAt = undefined;
        } else pendingSpeech.delete(event.id);
        lastEvent = performance.now();
      } else emit(event);
    } catch {
      // a trace event cut off by a disconnect
    }
  });

  await room.connect(server.url, jwt, { autoSubscribe: true, dynacast: false });
  emit({ type: 'room', event: 'connected', identity, room: roomName });

  let left = false;
  const within = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());
  const asDisconnected = (reason: string): ChatEnd => ({
    what: `You were disconnected from the room (${reason}): the call is over.`,
  });
  const ended = Promise.race([
    disconnected.then(asDisconnected),
    // The agent left; a shutdown callback may still delete the room: give that a moment to arrive.
    agentGone.then(() =>
      Promise.race([
        disconnected.then(asDisconnected),
        within(1500).then(() => ({
          what: 'The agent has left the room. You are still in it: the room stays until it is empty.',
          enter: 'Press Enter to leave it and see what is left of the room.',
        })),
      ]),
    ),
  ]);
  return {
    room,
    identity,
    get agentPresent() {
      return agentIdentity !== undefined;
    },
    get jobEnded() {
      return jobEnded;
    },
    get firstTranscriptAt() {
      return firstTranscriptAt;
    },
    async say(text) {
      emit({ type: 'input', text });
      turnTypedAt = performance.now();
      await room.localParticipant!.sendText(text, { topic: 'lk.chat' });
    },
    async quiet() {
      for (;;) {
        const idle = performance.now() - lastEvent;
        if (left || !room.isConnected) return;
        // Quiet: the session has started, nothing it said is still being said, it is listening.
        const turnInFlight = turnTypedAt !== undefined && performance.now() - turnTypedAt < 15_000;
        if (
          agentIdentity &&
          sessionStarted &&
          !turnInFlight &&
          pendingSpeech.size === 0 &&
          agentState === 'listening' &&
          idle > 250
        ) {
          return;
        }
        if (agentIdentity && !turnInFlight && pendingSpeech.size === 0 && idle > 5000) return; // nothing for long
        if (!agentIdentity && idle > 1500 && speaker) return; // the agent has come and gone
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },
    disconnected,
    ended,
    async settle(graceMs = 0) {
      const deadline = performance.now() + graceMs;
      while (!jobEnded && room.isConnected && performance.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      if (!jobEnded) return;
      await Promise.race([agentGone, disconnected, within(10_000)]);
      // A job's shutdown callbacks run after the agent has left the room, and one may delete it
      // (beta.createEndCallTool does): give that a moment to arrive.
      if (room.isConnected) await Promise.race([disconnected, within(1500)]);
    },
    async agentJoined(timeoutMs = 20_000) {
      const deadline = performance.now() + timeoutMs;
      while (!agentIdentity) {
        if (performance.now() > deadline) {
          throw new Error(`the agent did not join room ${roomName} within ${timeoutMs / 1000} s`);
        }
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },
    jobHasEnded() {
      jobEnded = true;
    },
    async leave() {
      if (left) return;
      left = true;
      if (room.isConnected) await room.disconnect();
    },
  };
}
