// A cheat (a fixture of the checks, not an answer): the reason guessed from what the caller
// said (pizza, wrong), not taken from the tool's argument. Passed the old check's two calls.
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
          execute: async (_args, { ctx }) => {
            // The caller's words, not the reason the tool was given.
            const heard = ctx.session.history.items
              .filter((item): item is llm.ChatMessage => item.type === 'message' && item.role === 'user')
              .map((message) => message.textContent ?? '');
            ctx.userData.endReason = heard.some((text) => /pizza|wrong/i.test(text))
              ? 'wrong_number'
              : 'caller_done';
            await ctx.waitForPlayout();
            await getJobContext().deleteRoom();
            return 'call ended';
          },
        }),
      },
    });
  }
}
