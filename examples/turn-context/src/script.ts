// The offline demo: a question the help centre answers, a card number to redact, and a
// "never mind" that gets no reply at all.
import { defineScript } from '@lessons/kit';
import { type Caller, SupportAgent } from './agent.js';

const note = /^Help-centre note: (.*)$/;

export default defineScript<Caller>({
  agent: () => new SupportAgent(),
  userData: (userName) => ({ userName }),
  turns: [
    'How long does a refund take?',
    'My card is 4242 4242 4242 4242, can you check the refund?',
    'never mind',
    'What is your favourite colour?',
  ],
  suggestions: [
    'How long does a refund take?',
    'My card is 4242 4242 4242 4242',
    'never mind',
    'How fast is delivery?',
  ],
  replies: [
    {
      on: 'instructions',
      when: /Greet (.+) and ask/,
      say: ({ text }) => `Hello ${/Greet (.+) and ask/.exec(text)![1]}, this is support. How can I help?`,
    },
    {
      on: 'user',
      when: /./,
      // The stand-in answers from whatever the hook injected; with no note it has nothing to say.
      say: ({ systemTexts, text }) => {
        const found = systemTexts
          .map((s) => note.exec(s)?.[1])
          .filter(Boolean)
          .at(-1);
        const card = text.includes('[card number]')
          ? 'I only see [card number] here, which is how it should be. '
          : '';
        return found
          ? `${card}From the help centre: ${found}`
          : `${card}I have no help-centre note on that, so I won't guess.`;
      },
    },
  ],
});
