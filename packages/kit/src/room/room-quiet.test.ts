// When the scripted learner in a room may type: never before the agent's greeting, however slowly
// its job starts (the ten-learner workshop test once typed its question into a job that had not
// started its session after 5 s, and the greeting was cut off).
import { describe, expect, it } from 'vitest';
import { type AgentSeen, QUIET_AFTER_MS, QUIET_BEFORE_START_MS, agentIsQuiet } from './room-quiet.js';

const joined: AgentSeen = {
  inRoom: true,
  sessionStarted: false,
  listening: false,
  nothingPending: true,
  idleMs: 0,
  seenAtWork: false,
};

describe('agentIsQuiet', () => {
  it('waits for a job that has joined but not started its session, well past QUIET_AFTER_MS', () => {
    expect(agentIsQuiet({ ...joined, idleMs: QUIET_AFTER_MS + 1000 })).toBe(false);
    expect(agentIsQuiet({ ...joined, idleMs: QUIET_BEFORE_START_MS + 1 })).toBe(true);
  });

  it('is quiet once the started session listens with nothing pending', () => {
    const listening = { ...joined, sessionStarted: true, listening: true };
    expect(agentIsQuiet({ ...listening, idleMs: 100 })).toBe(false); // a moment for what follows
    expect(agentIsQuiet({ ...listening, idleMs: 300 })).toBe(true);
    expect(agentIsQuiet({ ...listening, idleMs: 300, nothingPending: false })).toBe(false);
  });

  it('is quiet after QUIET_AFTER_MS of nothing from a started session, whatever its state says', () => {
    const speaking = { ...joined, sessionStarted: true };
    expect(agentIsQuiet({ ...speaking, idleMs: QUIET_AFTER_MS - 1 })).toBe(false);
    expect(agentIsQuiet({ ...speaking, idleMs: QUIET_AFTER_MS + 1 })).toBe(true);
  });

  it('is quiet once an agent seen at work has left the room', () => {
    const gone = { ...joined, inRoom: false, seenAtWork: true };
    expect(agentIsQuiet({ ...gone, idleMs: 1000 })).toBe(false);
    expect(agentIsQuiet({ ...gone, idleMs: 2000 })).toBe(true);
    expect(agentIsQuiet({ ...gone, seenAtWork: false, idleMs: 60_000 })).toBe(false); // not come yet
  });
});
