// Exercise 4: give leave_call a fixed last line. A model told "call the tool, say nothing" would
// leave without a word; the agent should always say the same thing before it goes.
//   Run it:   pnpm lesson shutdown-vs-delete --exercise
//   Check it: pnpm lesson shutdown-vs-delete --check
// The line belongs to leave_call: the check reads the trace for it after the tool was called and
// before ctx.shutdown(), and not at all when the meeting is ended for everyone.
// Stuck? src/solution.ts is one answer; src/exercise.test.ts is what --check runs (and
// src/exercise.script.ts how the offline stand-in answers).
import { getJobContext, llm, voice } from '@livekit/agents';
import { z } from 'zod';
import type { Visitor } from './agent.js';

export type { Visitor };

/** What the agent says before it leaves, word for word. */
export const LAST_LINE = 'Leaving now. The room is yours.';

export class FrontDesk extends voice.Agent<Visitor> {
  constructor() {
    super({
      instructions:
        'You run the front desk of a meeting room. If the user wants you gone but will stay, leave the call ' +
        'without a word: the tool says goodbye. If the user wants the meeting over for everyone, end it.',
      tools: {
        leave_call: llm.tool({
          description: 'Leave the call yourself. The user and anyone else stay in the room.',
          parameters: z.object({}),
          execute: async (_args, { ctx }) => {
            await ctx.waitForPlayout();
            // TODO: before leaving, say LAST_LINE and wait until it has been played out:
            //   await ctx.session.say(LAST_LINE).waitForPlayout();
            // Waiting on a speech you started here is fine: it is not this tool's own reply.
            getJobContext().shutdown('the user asked the agent to leave');
            return 'left the call';
          },
        }),
        end_meeting: llm.tool({
          description:
            'End the meeting for everyone: the room is deleted and every participant disconnected.',
          parameters: z.object({}),
          execute: async (_args, { ctx }) => {
            await ctx.waitForPlayout();
            await getJobContext().deleteRoom();
            return 'meeting ended';
          },
        }),
      },
    });
  }

  override async onEnter(): Promise<void> {
    this.session.generateReply({
      instructions: `Welcome ${this.session.userData.userName} to the meeting room.`,
    });
  }
}
