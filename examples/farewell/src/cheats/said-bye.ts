// A cheat (a fixture of the checks, not an answer): tells a hang-up by the user's last words, not the transfer flag: a hang-up is a
// line with "bye" in it. Passed the old check, whose hang-up said "Thanks, bye!".
import { llm, voice } from '@livekit/agents';
import { z } from 'zod';
import { BillingAgent } from '../agent.js';

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
    const said = this.chatCtx.items
      .filter((item): item is llm.ChatMessage => item.type === 'message' && item.role === 'user')
      .map((message) => message.textContent);
    // A hang-up, guessed from the words: the last line says bye.
    if (/bye/i.test(said.at(-1) ?? '')) {
      await this.session
        .generateReply({ instructions: 'Thank the user for calling and say goodbye.' })
        .waitForPlayout();
      return;
    }
    this.session.userData.handoffNotes = said.join(' / ');
    await this.session
      .generateReply({ instructions: 'Say a short goodbye: billing will take it from here.' })
      .waitForPlayout();
  }
}
