// The offline demo: what the scripted user types, and what the offline stand-in answers.
import { defineScript } from '@lessons/kit';
import { Greeter, type UserInfo } from './agent.js';

export default defineScript<UserInfo>({
  agent: () => new Greeter(),
  userData: (userName) => ({ userName }),
  turns: ['What are your opening hours?', 'Thanks, that is all.'],
  suggestions: ['What are your opening hours?', 'Thanks, that is all.'],
  replies: [
    // The lesson's own greeting gets a polished line, with the name the agent put into it. Reworded
    // instructions get the stand-in's rendering instead, which quotes them (name and all).
    {
      on: 'instructions',
      when: 'personally and offer your assistance',
      say: ({ given }) => given.userName && `Hi ${given.userName}, welcome! How can I help you today?`,
    },
    { on: 'user', when: /hours|open/i, say: "We're open nine to five, Monday to Friday." },
    { on: 'user', when: /thank|that is all|bye/i, say: 'You are welcome. Have a lovely day!' },
  ],
});
