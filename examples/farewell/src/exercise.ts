// Exercise 2: tell a handoff from a hang-up. onExit runs before a handoff, and also when the
// session closes while this agent is active (the user says goodbye at the front desk and leaves).
// Today the receptionist says "billing will take it from here" either way.
//   Run it:   pnpm lesson farewell --exercise
//   Check it: pnpm lesson farewell --check
// Ask the model for each goodbye with generateReply, as the lesson does: the check reads what
// onExit asked it, so a fixed session.say() goodbye does not count. It plays a transfer and three
// hang-ups (one with a billing word in it, one where the user just leaves without a word).
// Stuck? src/solution.ts is one answer; src/exercise.test.ts is what --check runs (and
// src/exercise.script.ts how the offline stand-in answers).
import { llm, voice } from '@livekit/agents';
import { z } from 'zod';
import { BillingAgent } from './agent.js';

export { BillingAgent };

export interface CallState {
  userName: string;
  /** Written by the receptionist's onExit, read by the billing agent's onEnter. */
  handoffNotes?: string;
  /** True once transfer_to_billing has run: the receptionist is leaving for a handoff. */
  transferring?: boolean;
}

export class Receptionist extends voice.Agent<CallState> {
  constructor() {
    super({
      instructions:
        'You are the receptionist. Find out what the user needs; send billing questions to billing.',
      tools: {
        transfer_to_billing: llm.tool({
          description: 'Transfer the user to the billing team.',
          parameters: z.object({ reason: z.string().describe('Why the user needs billing, in a few words') }),
          execute: async ({ reason }, { ctx }) => {
            ctx.userData.transferring = true; // read in onExit: this exit is a handoff
            return llm.handoff({ agent: new BillingAgent(reason), returns: 'Transferring you to billing.' });
          },
        }),
      },
    });
  }

  override async onEnter(): Promise<void> {
    this.session.generateReply({
      instructions: `Welcome ${this.session.userData.userName} to the front desk.`,
    });
  }

  override async onExit(): Promise<void> {
    // TODO: do the two things below only when this.session.userData.transferring is true (the
    // tool above sets it). Otherwise the user is hanging up: write no notes, and ask for a plain
    // goodbye instead, with the instructions 'Thank the user for calling and say goodbye.'
    const said = this.chatCtx.items
      .filter((item): item is llm.ChatMessage => item.type === 'message' && item.role === 'user')
      .map((message) => message.textContent);
    this.session.userData.handoffNotes = said.join(' / ');

    await this.session
      .generateReply({ instructions: 'Say a short goodbye: billing will take it from here.' })
      .waitForPlayout();
  }
}
