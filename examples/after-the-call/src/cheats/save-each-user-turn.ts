// A cheat (a fixture of the checks, not an answer): the transcript rewritten after each thing the
// caller says, with no shutdown callback: what the agent says last is never in it.
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
    const session = this.session;
    session.on(voice.AgentSessionEventTypes.UserInputTranscribed, ({ isFinal }) => {
      if (isFinal) void saveTranscript(session.history, job.job.id);
    });
    endWhenAway(this.session);
    this.session.generateReply({
      instructions: `Greet ${this.session.userData.userName} by name and ask how you can help.`,
    });
  }
}
