// Live mode's part of the workshop: before the worker registers, claim the learner's desk on the
// shared server (or refuse, with who holds the id); keep it told what the learner runs.
import { RoomServiceClient } from 'livekit-server-sdk';
import { randomBytes } from 'node:crypto';
import { type Desk, claimDesk, deskTakenMessage } from './desk.js';
import { machineId } from './learner-id.js';

export interface ServerKeys {
  httpUrl: string;
  apiKey: string;
  apiSecret: string;
}

export interface LearnerDesk {
  desk: Desk;
  /**
   * Call `handler` with the line to print if another run takes the id over (at once if it has);
   * returns the desk.
   */
  whenTaken(handler: (message: string) => void): Desk;
}

/**
 * The learner's desk, or a refusal: `{ refused }` is the one line to print (exit 1). Claimed before
 * the header is printed, so a refusal is the only thing the learner reads.
 */
export async function claimLearnerDesk(
  server: ServerKeys,
  { learner, lesson, takeOver = false }: { learner: string; lesson: string; takeOver?: boolean },
): Promise<LearnerDesk | { refused: string }> {
  let handler: ((message: string) => void) | undefined;
  let early: string | undefined;
  const rooms = new RoomServiceClient(server.httpUrl, server.apiKey, server.apiSecret);
  const run = `${process.pid}-${randomBytes(3).toString('hex')}`;
  const claim = await claimDesk(
    rooms,
    { learner, lesson, run, machine: machineId(), agent: '' },
    {
      takeOver,
      onTaken: (by) => {
        const message =
          `learner id "${learner}" was taken over by ${by.host} (running ${by.lesson}): this run stops ` +
          'here, so that one id never has two agents. Choose another id with --learner <id>.';
        if (handler) handler(message);
        else early = message;
      },
    },
  );
  if (!('desk' in claim)) return { refused: deskTakenMessage(learner, claim.heldBy) };
  return {
    desk: claim.desk,
    whenTaken(given) {
      handler = given;
      if (early) given(early);
      return claim.desk;
    },
  };
}
