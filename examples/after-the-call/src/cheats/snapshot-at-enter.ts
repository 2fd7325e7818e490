// A cheat (a fixture of the checks, not an answer): a shutdown callback, but it saves a copy of
// the history taken when the agent entered: the call itself is missing from the file.
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
            ctx.session.shutdown({ drain: true });
            return 'call ended';
          },
        }),
      },
    });
  }

  override async onEnter() {
    const job = getJobContext();
    const history = this.session.history.copy();
    job.addShutdownCallback(async function saveTheTranscript() {
      await saveTranscript(history, job.job.id);
    });
    endWhenAway(this.session);
    this.session.generateReply({
      instructions: `Greet ${this.session.userData.userName} by name and ask how you can help.`,
    });
  }
}
