// A cheat (a fixture of the checks, not an answer): LAST_LINE said at the end of every user
// turn, before the model has even decided to leave. Passed the old check (one turn, then leave).
import { getJobContext, llm, voice } from '@livekit/agents';
import { z } from 'zod';
import type { Visitor } from '../agent.js';

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

  // The last line, said as soon as the user asks the agent to go: before leave_call is even called.
  override async onUserTurnCompleted(): Promise<void> {
    await this.session.say(LAST_LINE).waitForPlayout();
  }
}
