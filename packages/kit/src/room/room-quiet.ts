// When the scripted learner in a room may type its next line: once the agent is quiet. Typed
// sooner, the line interrupts what the agent is about to say (its greeting, on a busy machine).

/** What the learner knows of the agent, from the room and the job's trace. */
export interface AgentSeen {
  /** The agent is in the room. */
  inRoom: boolean;
  /** Its session has reported a state: it has started. */
  sessionStarted: boolean;
  listening: boolean;
  /** No speech of its own still to be said, and no typed line it has not taken up. */
  nothingPending: boolean;
  /** Milliseconds since the last thing it did. */
  idleMs: number;
  /** It has been seen at work in this room: a hook or a tool of its traced. */
  seenAtWork: boolean;
}

/** Idle this long with nothing pending, a started agent counts as quiet whatever its state says. */
export const QUIET_AFTER_MS = 5000;
/**
 * The same before its session has started. A job on a busy machine (ten learners on one laptop, a
 * test suite) can take longer than QUIET_AFTER_MS to start its session, and a line typed then cuts
 * off the greeting its onEnter is about to say.
 */
export const QUIET_BEFORE_START_MS = 30_000;

export function agentIsQuiet(agent: AgentSeen): boolean {
  if (!agent.inRoom) return agent.seenAtWork && agent.idleMs > 1500; // it has come and gone
  if (!agent.nothingPending) return false;
  if (agent.sessionStarted && agent.listening && agent.idleMs > 250) return true;
  return agent.idleMs > (agent.sessionStarted ? QUIET_AFTER_MS : QUIET_BEFORE_START_MS);
}
