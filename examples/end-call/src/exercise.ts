// Exercise 5: record why the call ended. Give end_call a reason, 'caller_done' or 'wrong_number',
// and keep it in the session's userData, where the code that runs after the call can read it.
//   Run it:   pnpm lesson end-call --exercise   (add --json to see the tool's args)
//   Check it: pnpm lesson end-call --check
// Store the reason the tool is given: the check plays calls whose words and reasons differ, and
// compares userData.endReason with the reason in the trace of each end_call.
// Stuck? src/solution.ts is one answer; src/exercise.test.ts is what --check runs (and
// src/exercise.script.ts how the offline stand-in answers).
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
          // TODO: give this tool a reason. Make its parameters
          //   z.object({ reason: z.enum(['caller_done', 'wrong_number']) })
          // (say in the description when to use each), take it in execute as ({ reason }, { ctx }),
          // and store it before hanging up: ctx.userData.endReason = reason.
          description: 'End the call once the caller is done. Say goodbye in the same reply.',
          parameters: z.object({}),
          execute: async (_args, { ctx }) => {
            await ctx.waitForPlayout();
            await getJobContext().deleteRoom();
            return 'call ended';
          },
        }),
      },
    });
  }
}
