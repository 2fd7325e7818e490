// Exercise 4, solved: give leave_call a fixed last line. Compare it with your src/exercise.ts.
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
            // A speech started here, so waiting for it is fine (unlike this tool's own reply).
            await ctx.session.say(LAST_LINE).waitForPlayout();
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
