// The agent of the closing-table measurement (not a lesson): once in the room it starts a long
// line, and while that line is still being spoken, ends the call the way its dispatch names.
import { getJobContext, voice } from '@livekit/agents';

/** The line in flight when the call ends: did the others hear all of it? */
export const PENDING_LINE =
  'This is a long line that is still being spoken when the call ends, so you can tell whether it played out.';

/** Each way of ending a call the table compares, by its id in the dispatch metadata. */
export const WAYS = {
  'session.shutdown': 'session.shutdown({ drain: true })',
  'session.close': 'session.close()',
  'ctx.shutdown': 'ctx.shutdown()',
  'ctx.deleteRoom': 'ctx.deleteRoom()',
  'server.deleteRoom': 'RoomServiceClient.deleteRoom()',
  'caller.leaves': 'the caller leaves',
} as const;
export type Way = keyof typeof WAYS;

/** The ways the agent itself takes; the others are taken from outside (the server, the caller). */
const BY_AGENT: Partial<Record<Way, (session: voice.AgentSession<unknown>) => void>> = {
  'session.shutdown': (session) => session.shutdown({ drain: true }),
  'session.close': (session) => void session.close(),
  'ctx.shutdown': () => getJobContext().shutdown('closing table'),
  'ctx.deleteRoom': () => void getJobContext().deleteRoom(),
};

export class ClosingProbe extends voice.Agent<unknown> {
  constructor(private readonly way: Way) {
    super({ instructions: 'You are a measurement, not a conversation.' });
  }

  override async onEnter() {
    // A shutdown callback, to see whether this way of ending runs it.
    getJobContext().addShutdownCallback(async function probeCallback() {});
    this.session.say(PENDING_LINE);
    // Let the line start, then end the call while it is still being spoken.
    await new Promise((resolve) => setTimeout(resolve, 800));
    BY_AGENT[this.way]?.(this.session);
  }
}
