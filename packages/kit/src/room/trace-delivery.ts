// How the job's trace reaches the learner in the room: a text stream an event, or, for the calls
// that end the job's part in the room, an RPC the learner answers.
import { ParticipantKind, type Room } from '@livekit/rtc-node';
import { TRACE_RPC_METHOD, TRACE_TOPIC } from './topics.js';

/**
 * One event to the learner: as an RPC each learner in the room answers when `acknowledged` (a
 * learner that does not answer in time, or a frontend that has no such method, gets it as text).
 */
export async function deliverTraceEvent(room: Room, payload: string, acknowledged: boolean): Promise<void> {
  const local = room.localParticipant;
  if (!local) return;
  const learners = [...room.remoteParticipants.values()].filter((p) => p.kind !== ParticipantKind.AGENT);
  if (acknowledged && learners.length > 0) {
    const answered = await Promise.all(
      learners.map((learner) =>
        local
          .performRpc({
            destinationIdentity: learner.identity,
            method: TRACE_RPC_METHOD,
            payload,
            responseTimeout: 5000,
          })
          .then(
            () => true,
            () => false,
          ),
      ),
    );
    if (answered.every(Boolean)) return;
  }
  await local.sendText(payload, { topic: TRACE_TOPIC });
}
