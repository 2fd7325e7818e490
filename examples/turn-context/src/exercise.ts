// Exercise 3: redact e-mail addresses too, the way the hook already redacts card numbers.
//   Run it:   pnpm lesson turn-context --exercise
//   Check it: pnpm lesson turn-context --check
// Stuck? src/solution.ts is one answer; src/exercise.test.ts is what --check runs.
import { defineScript } from '@lessons/kit';
import { type llm, voice } from '@livekit/agents';
import { type Caller, lookUp } from './agent.js';
import lessonScript from './script.js';

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

// The offline stand-in for --exercise and --check: the lesson's script, with this file's agent
// and a line with an e-mail address in it. No need to change this.
export const script = defineScript<Caller>({
  ...lessonScript,
  agent: () => new SupportAgent(),
  turns: [
    'My email is ada@example.com, where is my delivery?',
    'My card is 4242 4242 4242 4242, can you check the refund?',
  ],
  suggestions: ['My email is ada@example.com, where is my delivery?', 'How fast is delivery?'],
  replies: [
    {
      on: 'user',
      when: /[\w.+-]+@[\w-]+\.[\w.-]+/,
      say: ({ text }) =>
        `I can see your address, ${/[\w.+-]+@[\w-]+\.[\w.-]+/.exec(text)![0]}, in plain text.`,
    },
    ...lessonScript.replies,
  ],
});
