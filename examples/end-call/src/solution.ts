// Exercise 5, solved: record why the call ended. Compare it with your src/exercise.ts.
import { getJobContext, llm, voice } from '@livekit/agents';
import { z } from 'zod';

export interface Caller {
  userName: string;
  /** Why the call ended, as end_call was told. */
  endReason?: 'caller_done' | 'wrong_number';
}

export class PharmacyLine extends voice.Agent<Caller> {
  constructor() {
    super({
      instructions:
        'You answer a pharmacy phone line. When the caller says goodbye, or has the wrong number, ' +
        'say goodbye and end the call.',
      tools: {
        end_call: llm.tool({
          description:
            'End the call. Say goodbye in the same reply. reason: caller_done when the caller is done, ' +
            'wrong_number when they meant to call someone else.',
          parameters: z.object({ reason: z.enum(['caller_done', 'wrong_number']) }),
          execute: async ({ reason }, { ctx }) => {
            ctx.userData.endReason = reason; // userData outlives the call: read it after the session
            await ctx.waitForPlayout();
            await getJobContext().deleteRoom();
            return 'call ended';
          },
        }),
      },
    });
  }
}
