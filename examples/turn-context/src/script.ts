// The offline demo: a question the help centre answers, a card number to redact, and a
// "never mind" that gets no reply at all.
import { defineScript } from '@lessons/kit';
import { type Caller, SupportAgent } from './agent.js';

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
    // The name comes from `given` (what the agent put into the instructions from userData).
    {
      on: 'instructions',
      when: 'and ask how you can help',
      say: ({ given }) => given.userName && `Hello ${given.userName}, this is support. How can I help?`,
    },
    {
      on: 'user',
      when: /./,
      // The stand-in answers from whatever the hook injected (a system message after the agent's
      // instructions, its label dropped, whatever its wording); with none it has nothing to say.
      say: ({ systemTexts, text }) => {
        const found = systemTexts
          .slice(1)
          .at(-1)
          ?.replace(/^[^:]{1,40}:\s*/, '');
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
