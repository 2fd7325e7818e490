// A cheat (a fixture of the checks, not an answer): a pattern for name@domain.com only: dotted names, plus signs and
// other endings (.co.uk, .mil) go through.
import { type llm, voice } from '@livekit/agents';
import { type Caller, lookUp } from '../agent.js';

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

    const redacted = text
      .replace(/\b(?:\d[ -]?){12,15}\d\b/g, '[card number]')
      .replace(/\w+@\w+\.com/g, '[email]');
    if (redacted !== text) newMessage.content = [redacted];

    const note = lookUp(redacted);
    if (note) turnCtx.addMessage({ role: 'system', content: `Help-centre note: ${note}` });
  }
}
