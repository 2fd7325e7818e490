// Lesson 3: onUserTurnCompleted runs after the user's turn ends and before the agent answers.
// Edit what the model will see: add retrieved context, redact the message, or cancel the reply.
import { type llm, voice } from '@livekit/agents';

export interface Caller {
  userName: string;
}

// #region knowledge
/** A stand-in for retrieval (a vector store, a search API): a few help-centre answers. */
const helpCentre: Record<string, string> = {
  refund: 'Refunds go back to the original card within 5 business days.',
  delivery: 'Standard delivery takes 2 to 4 days; express arrives the next day.',
  password: 'Passwords are reset from the sign-in page, never over the phone.',
};

export function lookUp(question: string): string | undefined {
  const topic = Object.keys(helpCentre).find((key) => question.toLowerCase().includes(key));
  return topic && helpCentre[topic];
}
// #endregion knowledge

// #region support-agent
export class SupportAgent extends voice.Agent<Caller> {
  constructor() {
    super({ instructions: 'You are a support agent. Answer only from the help-centre notes you are given.' });
  }

  override async onEnter(): Promise<void> {
    this.session.generateReply({
      instructions: `Greet ${this.session.userData.userName} and ask how you can help.`,
    });
  }

  // turnCtx: a copy of the chat context the reply will be generated from. newMessage: the user's
  // turn, added to the context after this hook returns. Both may be changed here.
  override async onUserTurnCompleted(turnCtx: llm.ChatContext, newMessage: llm.ChatMessage): Promise<void> {
    const text = newMessage.textContent ?? '';

    // #region stop-response
    // Nothing to answer: end the turn with no reply at all (the message is not kept either).
    if (/^(um+|uh+|never ?mind|hold on)\W*$/i.test(text.trim())) {
      throw new voice.StopResponse();
    }
    // #endregion stop-response

    // #region redact
    // Redact before anything is stored or sent to the model: card numbers never leave this hook.
    const redacted = text.replace(/\b(?:\d[ -]?){12,15}\d\b/g, '[card number]');
    if (redacted !== text) newMessage.content = [redacted];
    // #endregion redact

    // #region inject
    // Retrieval-augmented generation: put what we found in front of the model for this reply.
    const note = lookUp(redacted);
    if (note) turnCtx.addMessage({ role: 'system', content: `Help-centre note: ${note}` });
    // #endregion inject
  }
}
// #endregion support-agent
