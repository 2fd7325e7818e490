// Waiting for the learner's own agent in their room. On a shared server a missing agent is the
// first thing a learner meets (a worker that never registered, a firewall, a wrong LIVEKIT_URL),
// and a silent wait of 20 s reads as a hang: say so after a few seconds, with what to check.
// The agent that joins must be the learner's own: the server names it (attribute lk.agent_name).
import type { EventSink } from '../trace/events.js';
import type { Learner } from '../room/learner.js';
import type { Desk } from './desk.js';

/** The attribute livekit-server gives an agent's participant: the agent name of its worker. */
export const AGENT_NAME_ATTRIBUTE = 'lk.agent_name';
/** A job's process can take several seconds to start on a busy laptop: late, not lost, until this. */
export const NO_AGENT_NOTICE_MS = 10_000;

export class NoAgent extends Error {}
/** The learner left the room while waiting: the lesson ended (a failure said why, or Ctrl+C). */
export class LearnerLeft extends Error {}

export function noAgentMessage(room: string, agentName: string, seconds: number): string {
  return (
    `no agent has joined room ${room} after ${seconds} s. Your agent (${agentName}) is dispatched to ` +
    'your room only, so no one else will come instead. Check: the lines above for a worker error; ' +
    "LIVEKIT_URL and the key are the workshop server's (pnpm run doctor); the server's UDP and TCP " +
    'ports are open to this laptop (ask the instructor: pnpm workshop status).'
  );
}

/**
 * Resolve once the learner's own agent is in the room. After `noticeMs` say (once) that it is late
 * and what to check; after `timeoutMs` reject with NoAgent. An agent of another name is refused.
 */
export async function waitForOwnAgent(
  learner: Pick<Learner, 'agentJoined' | 'room'>,
  {
    room,
    agentName,
    notice,
    noticeMs = NO_AGENT_NOTICE_MS,
    // Generous: ten learners on one 2-core machine saw 45 s from joining to the first agent line.
    timeoutMs = 90_000,
  }: {
    room: string;
    agentName: string;
    notice: (line: string) => void;
    noticeMs?: number;
    timeoutMs?: number;
  },
): Promise<void> {
  // A learner no longer in the room waits for no one: nothing to say about an agent.
  const stillThere = () => {
    if (!learner.room.isConnected) throw new LearnerLeft(`the learner left room ${room}`);
  };
  try {
    await learner.agentJoined(noticeMs);
  } catch {
    stillThere();
    notice(`${noAgentMessage(room, agentName, Math.round(noticeMs / 1000))} Still waiting…`);
    try {
      await learner.agentJoined(Math.max(0, timeoutMs - noticeMs));
    } catch {
      stillThere();
      throw new NoAgent(noAgentMessage(room, agentName, Math.round(timeoutMs / 1000)));
    }
  }
  for (const participant of learner.room.remoteParticipants.values()) {
    const name = participant.attributes?.[AGENT_NAME_ATTRIBUTE];
    if (name && name !== agentName)
      throw new NoAgent(`an agent that is not yours (${name}) joined room ${room}; yours is ${agentName}.`);
  }
}

/**
 * For the room runner: true once the learner's own agent is in; else the lesson fails with the
 * line saying so (false). The learner's desk, if any, is told.
 */
export async function ownAgentJoined(
  learner: Pick<Learner, 'agentJoined' | 'room'>,
  {
    room,
    agentName,
    sink,
    fail,
    desk,
  }: {
    room: string;
    agentName: string;
    sink: EventSink;
    fail: (message: string) => void;
    desk?: Pick<Desk, 'update'>;
  },
): Promise<boolean> {
  try {
    await waitForOwnAgent(learner, { room, agentName, notice: (text) => sink({ type: 'note', text }) });
  } catch (error) {
    if (error instanceof LearnerLeft) return false;
    if (!(error instanceof NoAgent)) throw error;
    fail(error.message);
    return false;
  }
  void desk?.update({ agentJoined: true });
  return true;
}
