// Lesson 2: onExit runs when an agent hands the session to another. Save what the next one
// needs, say goodbye, and let the next agent's onEnter pick up from there.
import { llm, voice } from '@livekit/agents';
import { z } from 'zod';

// #region userdata
export interface CallState {
  userName: string;
  /** Written by the receptionist's onExit, read by the billing agent's onEnter. */
  handoffNotes?: string;
}
// #endregion userdata

// #region receptionist
export class Receptionist extends voice.Agent<CallState> {
  constructor() {
    super({
      instructions:
        'You are the receptionist. Find out what the user needs; send billing questions to billing.',
      tools: {
        transfer_to_billing: llm.tool({
          description: 'Transfer the user to the billing team.',
          parameters: z.object({ reason: z.string().describe('Why the user needs billing, in a few words') }),
          // Returning a handoff makes BillingAgent the session's agent: this agent's onExit
          // runs first, then the new agent's onEnter.
          execute: async ({ reason }) =>
            llm.handoff({ agent: new BillingAgent(reason), returns: 'Transferring you to billing.' }),
        }),
      },
    });
  }

  override async onEnter(): Promise<void> {
    this.session.generateReply({
      instructions: `Welcome ${this.session.userData.userName} to the front desk.`,
    });
  }

  // #region on-exit
  // Runs just before the handoff completes, while this agent still owns the session.
  override async onExit(): Promise<void> {
    // Save state: what the user said here, for the next agent (userData outlives the agent).
    const said = this.chatCtx.items
      .filter((item): item is llm.ChatMessage => item.type === 'message' && item.role === 'user')
      .map((message) => message.textContent);
    this.session.userData.handoffNotes = said.join(' / ');

    // Say goodbye. The framework plays speech this agent queued before the next one starts;
    // awaiting the playout also keeps onExit open until the goodbye has been heard.
    await this.session
      .generateReply({ instructions: 'Say a short goodbye: billing will take it from here.' })
      .waitForPlayout();
  }
  // #endregion on-exit
}
// #endregion receptionist

// #region billing
export class BillingAgent extends voice.Agent<CallState> {
  constructor(private readonly reason: string) {
    super({ instructions: 'You are the billing specialist. Be precise about invoices and payments.' });
  }

  override async onEnter(): Promise<void> {
    const { userName, handoffNotes } = this.session.userData;
    this.session.generateReply({
      instructions: `Introduce yourself to ${userName} as billing. Reason for transfer: ${this.reason}. Notes from the receptionist: ${handoffNotes ?? 'none'}.`,
    });
  }
}
// #endregion billing
