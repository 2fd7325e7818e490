// A cheat (a fixture of the checks, not an answer): the transcript saved in end_call, so a
// call the caller ends (hanging up, going quiet) is never saved.
import { getJobContext, llm, voice } from '@livekit/agents';
import { z } from 'zod';
import { type Caller, endWhenAway, saveTranscript } from './../agent.js';

export type { Caller };

const instructions =
  "You answer a library's phone line. When the caller says goodbye, say goodbye and end the call.";

export class FrontDesk extends voice.Agent<Caller> {
  constructor() {
    super({
      instructions,
      tools: {
        end_call: llm.tool({
          description: 'End the call once the caller is done. Say goodbye in the same reply.',
          parameters: z.object({}),
          execute: async (_args, { ctx }) => {
            await ctx.waitForPlayout();
            await saveTranscript(ctx.session.history, getJobContext().job.id);
            ctx.session.shutdown({ drain: true });
            return 'call ended';
          },
        }),
      },
    });
  }

  override async onEnter() {
    // (nothing here: end_call saves it)
    endWhenAway(this.session);
    this.session.generateReply({
      instructions: `Greet ${this.session.userData.userName} by name and ask how you can help.`,
    });
  }
}
