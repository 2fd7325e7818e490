// Lesson 5: an end_call tool. The goodbye and the tool call arrive together; end the call only
// once the goodbye has been played out, or the caller hears it cut off (or not at all).
import { beta, getJobContext, llm, voice } from '@livekit/agents';
import { z } from 'zod';

export interface Caller {
  userName: string;
}

const instructions =
  'You answer a pharmacy phone line. When the caller says goodbye, say goodbye and end the call.';

// #region answer
/** Every version of the line answers the same way: by the caller's name, before they say a word. */
export abstract class AnsweringLine extends voice.Agent<Caller> {
  override async onEnter(): Promise<void> {
    // A speech of its own: the end_call tool below never waits for this one, only for its goodbye.
    this.session.generateReply({
      instructions: `Answer the phone: greet ${this.session.userData.userName} by name and ask how you can help.`,
    });
  }
}
// #endregion answer

// #region end-call
export class PharmacyLine extends AnsweringLine {
  constructor() {
    super({
      instructions,
      tools: {
        end_call: llm.tool({
          description: 'End the call once the caller is done. Say goodbye in the same reply.',
          parameters: z.object({}),
          execute: async (_args, { ctx }) => {
            // The goodbye was generated with this call and is still being spoken. ctx.waitForPlayout()
            // waits for exactly that speech. (ctx.speechHandle.waitForPlayout() would throw here:
            // that handle is not done until this tool returns.)
            await ctx.waitForPlayout();
            // A phone call is a room with the caller in it: deleting it hangs up on them.
            await getJobContext().deleteRoom();
            return 'call ended';
          },
        }),
      },
    });
  }
}
// #endregion end-call

// #region hasty
/** The mistake this lesson is about: the same tool without the wait. */
export class HastyLine extends AnsweringLine {
  constructor() {
    super({
      instructions,
      tools: {
        end_call: llm.tool({
          description: 'End the call once the caller is done. Say goodbye in the same reply.',
          parameters: z.object({}),
          execute: async () => {
            await getJobContext().deleteRoom(); // the goodbye has barely started
            return 'call ended';
          },
        }),
      },
    });
  }
}
// #endregion hasty

// #region framework-tool
/** The framework's own tool: it returns "say goodbye", lets that reply play out, then ends the call. */
export class FrameworkLine extends AnsweringLine {
  constructor() {
    super({
      instructions,
      tools: [beta.createEndCallTool({ deleteRoom: true, endInstructions: 'say goodbye to the caller' })],
    });
  }
}
// #endregion framework-tool
