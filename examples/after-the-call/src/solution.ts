// Exercise 6, solved: the transcript saved by a shutdown callback. Compare it with src/exercise.ts.
import { getJobContext, llm, voice } from '@livekit/agents';
import { z } from 'zod';
import { type Caller, endWhenAway, saveTranscript } from './agent.js';

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
    const session = this.session;
    job.addShutdownCallback(async function saveTheTranscript() {
      await saveTranscript(session.history, job.job.id);
    });
    endWhenAway(this.session);
    this.session.generateReply({
      instructions: `Greet ${this.session.userData.userName} by name and ask how you can help.`,
    });
  }
}
