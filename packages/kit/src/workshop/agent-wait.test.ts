// The wait for the learner's own agent says nothing once the learner has left the room: a lesson
// that failed (its job process died) printed its error, and then, 10 s later, "no agent has joined"
// (seen in a failed end-call run beside the suite).
import { describe, expect, it } from 'vitest';
import { LearnerLeft, NoAgent, ownAgentJoined, waitForOwnAgent } from './agent-wait.js';

/** A learner whose agent never comes; `connected` says whether it is still in the room. */
const waitingLearner = (connected: () => boolean) => ({
  agentJoined: (ms: number) =>
    new Promise<void>((_, reject) => setTimeout(() => reject(new Error('no agent')), ms)),
  room: {
    get isConnected() {
      return connected();
    },
    remoteParticipants: new Map(),
  },
});

const options = { room: 'r-1', agentName: 'ada.greeting.1', noticeMs: 50, timeoutMs: 120 };

describe('waiting for the learner’s own agent', () => {
  it('still in the room: the notice, then NoAgent', async () => {
    const notes: string[] = [];
    const waited = waitForOwnAgent(waitingLearner(() => true) as never, {
      ...options,
      notice: (line) => notes.push(line),
    });
    await expect(waited).rejects.toBeInstanceOf(NoAgent);
    expect(notes).toHaveLength(1);
  });

  it('left the room (the lesson has ended): no notice, no failure line', async () => {
    const notes: string[] = [];
    const failures: string[] = [];
    const waited = waitForOwnAgent(waitingLearner(() => false) as never, {
      ...options,
      notice: (line) => notes.push(line),
    });
    await expect(waited).rejects.toBeInstanceOf(LearnerLeft);
    expect(notes).toEqual([]);
    // As the room runner calls it (its waits are the real 10 and 90 s: this learner's end at once).
    const leftAtOnce = { ...waitingLearner(() => false), agentJoined: () => Promise.reject(new Error()) };
    const joined = await ownAgentJoined(leftAtOnce as never, {
      room: 'r-1',
      agentName: 'ada.greeting.1',
      sink: (event) => notes.push(JSON.stringify(event)),
      fail: (message) => failures.push(message),
    });
    expect(joined).toBe(false);
    expect(notes).toEqual([]);
    expect(failures).toEqual([]);
  });
});
