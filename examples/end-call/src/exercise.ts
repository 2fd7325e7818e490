// Exercise 5: record why the call ended. Give end_call a reason, 'caller_done' or 'wrong_number',
// and keep it in the session's userData, where the code that runs after the call can read it.
//   Run it:   pnpm lesson end-call --exercise   (add --json to see the tool's args)
//   Check it: pnpm lesson end-call --check
// Stuck? src/solution.ts is one answer; src/exercise.test.ts is what --check runs.
import { defineScript } from '@lessons/kit';
import { getJobContext, llm, voice } from '@livekit/agents';
import { z } from 'zod';
import lessonScript from './script.js';

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
          // TODO: give this tool a reason. Make its parameters
          //   z.object({ reason: z.enum(['caller_done', 'wrong_number']) })
          // (say in the description when to use each), take it in execute as ({ reason }, { ctx }),
          // and store it before hanging up: ctx.userData.endReason = reason.
          description: 'End the call once the caller is done. Say goodbye in the same reply.',
          parameters: z.object({}),
          execute: async (_args, { ctx }) => {
            await ctx.waitForPlayout();
            await getJobContext().deleteRoom();
            return 'call ended';
          },
        }),
      },
    });
  }
}

// The offline stand-in for --exercise and --check: two calls, one the caller ends with a goodbye
// and one to a wrong number. The stand-in passes end_call a reason; what your tool does with it is
// up to you. No need to change this.
const goodbye = 'Glad I could help. Your prescription will be ready at four. Goodbye, and take care!';

export const script = defineScript<Caller>({
  ...lessonScript,
  agent: () => new PharmacyLine(),
  turns: lessonScript.turns,
  scenes: [
    { id: 'caller_done', title: 'the caller is done', turns: lessonScript.turns },
    { id: 'wrong_number', title: 'a wrong number', turns: ["Hello, is this Luigi's pizza?"] },
  ],
  suggestions: ['Is my prescription ready?', 'Bye!', 'Is this the pizza place?'],
  replies: [
    { on: 'user', when: /prescription|ready/i, say: "Yes, it's being prepared now." },
    {
      on: 'user',
      when: /pizza|wrong number/i,
      say: "Sorry, this is the pharmacy: I'm afraid you have the wrong number. Goodbye!",
      toolCalls: [{ name: 'end_call', args: { reason: 'wrong_number' } }],
    },
    {
      on: 'user',
      when: /bye|that's all/i,
      say: goodbye,
      toolCalls: [{ name: 'end_call', args: { reason: 'caller_done' } }],
    },
  ],
});
