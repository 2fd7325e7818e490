// Exercise 3: redact e-mail addresses too, the way the hook already redacts card numbers.
//   Run it:   pnpm lesson turn-context --exercise
//   Check it: pnpm lesson turn-context --check
// The check types several addresses (bob.smith+x@mail.co.uk too, and one inside a sentence) and
// reads what the model was given after your hook ran: no address may reach it.
// Stuck? src/solution.ts is one answer; src/exercise.test.ts is what --check runs (and
// src/exercise.script.ts how the offline stand-in answers).
import { type llm, voice } from '@livekit/agents';
import { type Caller, lookUp } from './agent.js';

export type { Caller };

export class SupportAgent extends voice.Agent<Caller> {
  constructor() {
    super({ instructions: 'You are a support agent. Answer only from the help-centre notes you are given.' });
  }

  override async onEnter(): Promise<void> {
    this.session.generateReply({
      instructions: `Greet ${this.session.userData.userName} and ask how you can help.`,
    });
  }

  override async onUserTurnCompleted(turnCtx: llm.ChatContext, newMessage: llm.ChatMessage): Promise<void> {
    const text = newMessage.textContent ?? '';

    if (/^(um+|uh+|never ?mind|hold on)\W*$/i.test(text.trim())) {
      throw new voice.StopResponse();
    }

    // TODO: redact e-mail addresses too: replace anything that looks like one (for example
    // /[\w.+-]+@[\w-]+\.[\w.-]+/g) with '[email]', as the line below does for card numbers.
    // Do it here, before the lookup, so the address reaches neither the model nor the search.
    const redacted = text.replace(/\b(?:\d[ -]?){12,15}\d\b/g, '[card number]');
    if (redacted !== text) newMessage.content = [redacted];

    const note = lookUp(redacted);
    if (note) turnCtx.addMessage({ role: 'system', content: `Help-centre note: ${note}` });
  }
}
