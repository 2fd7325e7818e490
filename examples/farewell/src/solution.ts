// Exercise 2, solved: tell a handoff from a hang-up. Compare it with your src/exercise.ts.
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
    if (!this.session.userData.transferring) {
      // A hang-up: nobody to hand notes to, and nobody called billing.
      await this.session
        .generateReply({ instructions: 'Thank the user for calling and say goodbye.' })
        .waitForPlayout();
      return;
    }
    const said = this.chatCtx.items
      .filter((item): item is llm.ChatMessage => item.type === 'message' && item.role === 'user')
      .map((message) => message.textContent);
    this.session.userData.handoffNotes = said.join(' / ');

    await this.session
      .generateReply({ instructions: 'Say a short goodbye: billing will take it from here.' })
      .waitForPlayout();
  }
}
