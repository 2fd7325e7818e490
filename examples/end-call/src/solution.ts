// Exercise 5, solved: record why the call ended. Compare it with your src/exercise.ts.
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
          description:
            'End the call. Say goodbye in the same reply. reason: caller_done when the caller is done, ' +
            'wrong_number when they meant to call someone else.',
          parameters: z.object({ reason: z.enum(['caller_done', 'wrong_number']) }),
          execute: async ({ reason }, { ctx }) => {
            ctx.userData.endReason = reason; // userData outlives the call: read it after the session
            await ctx.waitForPlayout();
            await getJobContext().deleteRoom();
            return 'call ended';
          },
        }),
      },
    });
  }
}

// The offline stand-in for --exercise and --check (the same as in src/exercise.ts).
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
