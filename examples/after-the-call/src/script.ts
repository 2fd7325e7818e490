// The offline demo, in three scenes, three ways a call ends: the caller says goodbye, the caller
// hangs up, the caller goes quiet. Each ends with the transcript saved by the shutdown callback.
import { defineScript } from '@lessons/kit';
import { type Caller, FrontDesk } from './agent.js';

export default defineScript<Caller>({
  agent: () => new FrontDesk(),
  userData: (userName) => ({ userName }),
  msPerWord: 20, // the goodbye plays out before the call ends: let it take a moment
  turns: ['Is the library open on Sunday?', "Great, that's all. Bye!"],
  // Short, so the demo does not sit in silence for the default 15 s.
  sessionOptions: { userAwayTimeout: 4 },
  scenes: [
    {
      id: 'goodbye',
      title: 'the caller says goodbye: end_call, session.shutdown()',
      turns: ['Is the library open on Sunday?', "Great, that's all. Bye!"],
    },
    {
      id: 'hangs-up',
      title: 'the caller hangs up: closeOnDisconnect closes the session',
      turns: ['Is the library open on Sunday?'],
    },
    {
      id: 'away',
      title: 'the caller goes quiet: userAwayTimeout, asked once, then a polite goodbye',
      turns: ['Is the library open on Sunday?'],
      waitForEnd: true,
    },
  ],
  suggestions: ['Is the library open on Sunday?', 'Bye!'],
  replies: [
    { on: 'instructions', when: /Greet/, say: ({ given }) => `Hello ${given.userName}, how can I help?` },
    { on: 'instructions', when: /still there/, say: 'Are you still there?' },
    { on: 'instructions', when: /polite goodbye/, say: "I'll end the call now. Goodbye!" },
    { on: 'user', when: /open|sunday/i, say: 'Yes, from noon to five on Sundays.' },
    {
      on: 'user',
      when: /bye|that's all/i,
      say: 'Happy reading, goodbye!',
      toolCalls: [{ name: 'end_call' }],
    },
  ],
});
