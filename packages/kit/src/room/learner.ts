// The learner in a real room: a participant on @livekit/rtc-node, typing on lk.chat, reading the
// agent on lk.transcription and its hook trace on lessons.trace, reporting what the room does.
import { Room } from '@livekit/rtc-node';
import { AccessToken } from 'livekit-server-sdk';
import type { ChatEnd } from '../term/chat.js';
import type { EventSink } from '../trace/events.js';
import type { LocalServer } from './server.js';
import { RoomLearner } from './room-learner.js';

export interface Learner {
  room: Room;
  identity: string;
  typeLine(text: string): Promise<void>;
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
  server: Pick<LocalServer, 'url' | 'apiKey' | 'apiSecret'>,
  roomName: string,
  user: string,
  sink: EventSink,
): Promise<Learner> {
  const { jwt, identity } = await learnerToken(server, roomName, user);
  const learner = new RoomLearner(new Room(), identity, roomName, sink);
  await learner.room.connect(server.url, jwt, { autoSubscribe: true, dynacast: false });
  learner.answerTraceCalls(); // before the agent is dispatched: the kit dispatches once we are in
  learner.emit({ type: 'room', event: 'connected', identity, room: roomName });
  return learner;
}
