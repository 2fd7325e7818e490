// Quiet, from the session's events: a handoff under way holds it, and one that fails ends it too.
import { voice } from '@livekit/agents';
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { SessionActivity } from './session-activity.js';

/** Just what SessionActivity reads of a session: its events, its state, its transition task. */
function sessionWithTransition(result: Promise<unknown>) {
  const transition = { done: false, result };
  void result.then(
    () => (transition.done = true),
    () => (transition.done = true),
  );
  const session = Object.assign(new EventEmitter(), {
    agentState: 'listening',
    updateActivityTask: transition,
  });
  return session as unknown as voice.AgentSession<unknown>;
}

describe('SessionActivity.quiet', () => {
  it('waits for a handoff under way, and a failed one ends the wait as a finished one does', async () => {
    let fail!: (error: Error) => void;
    const result = new Promise((_, reject) => (fail = reject));
    const activity = new SessionActivity(sessionWithTransition(result), () => {});
    let quiet = false;
    const waiting = activity.quiet().then(() => (quiet = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(quiet, 'quiet while the handoff is under way').toBe(false);
    fail(new Error('the next agent did not start'));
    await waiting; // and no unhandled rejection from watching it
    expect(quiet).toBe(true);
  });
});
