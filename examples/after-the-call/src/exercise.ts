// Exercise 6: save the transcript after the call, however it ends. The agent ends some calls
// itself (end_call), but callers also hang up or go quiet: code in end_call misses those.
//   Run it:   pnpm lesson after-the-call --exercise   (transcripts go to ./transcripts)
//   Check it: pnpm lesson after-the-call --check
// Stuck? src/solution.ts is one answer; src/exercise.test.ts is what --check runs (and
// src/exercise.script.ts how the offline stand-in answers).
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
    // TODO: save the call's transcript once the call is over, however it ends. Register a
    // shutdown callback with getJobContext().addShutdownCallback(async () => { ... }), and in it
    // await saveTranscript(this.session.history, getJobContext().job.id).
    endWhenAway(this.session);
    this.session.generateReply({
      instructions: `Greet ${this.session.userData.userName} by name and ask how you can help.`,
    });
  }
}
