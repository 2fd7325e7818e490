// Live mode's part of the workshop: before the worker registers, claim the learner's desk on the
// shared server (or refuse, with who holds the id); keep it told what the learner runs.
import { RoomServiceClient } from 'livekit-server-sdk';
import { randomBytes } from 'node:crypto';
import { type Desk, claimDesk, deskTakenMessage } from './desk.js';

export interface ServerKeys {
  httpUrl: string;
  apiKey: string;
  apiSecret: string;
}

/**
 * The learner's desk, or a refusal: `{ refused }` is the one line to print (exit 1).
 * `onTaken` gets the line for a run whose id another run took over since.
 */
export async function claimLearnerDesk(
  server: ServerKeys,
  {
    learner,
    lesson,
    takeOver = false,
    onTaken,
  }: {
    learner: string;
    lesson: string;
    takeOver?: boolean;
    onTaken: (message: string) => void;
  },
): Promise<{ desk: Desk } | { refused: string }> {
  const rooms = new RoomServiceClient(server.httpUrl, server.apiKey, server.apiSecret);
  const run = `${process.pid}-${randomBytes(3).toString('hex')}`;
  const claim = await claimDesk(
    rooms,
    { learner, lesson, run, agent: '' },
    {
      takeOver,
      onTaken: (by) =>
        onTaken(
          `learner id "${learner}" was taken over by ${by.host} (running ${by.lesson}): this run stops ` +
            'here, so that one id never has two agents. Choose another id with --learner <id>.',
        ),
    },
  );
  return 'desk' in claim ? claim : { refused: deskTakenMessage(learner, claim.heldBy) };
}
