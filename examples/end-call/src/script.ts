// The offline demo, in three scenes: waiting for the goodbye, not waiting, and the framework's tool.
import { defineScript } from '@lessons/kit';
import { type Caller, FrameworkLine, HastyLine, PharmacyLine } from './agent.js';

const goodbye = 'Glad I could help. Your prescription will be ready at four. Goodbye, and take care!';
const turns = ['Is my prescription ready?', "Great, that's all. Bye!"];

export default defineScript<Caller>({
  agent: () => new PharmacyLine(),
  userData: (userName) => ({ userName }),
  msPerWord: 20, // the goodbye plays out before the call ends: let it take a moment
  turns,
  scenes: [
    { id: 'waits', title: 'end_call waits for the goodbye to play out', turns },
    {
      id: 'hasty',
      title: 'end_call without the wait: the goodbye is cut off',
      turns,
      agent: () => new HastyLine(),
    },
    {
      id: 'framework',
      title: "beta.createEndCallTool: the framework's end_call",
      turns,
      agent: () => new FrameworkLine(),
      // Its description tells the model to call it without a word; the goodbye comes after.
      replies: [{ on: 'user', when: /bye|that's all/i, toolCalls: [{ name: 'end_call' }] }],
    },
  ],
  suggestions: ['Is my prescription ready?', 'Bye!'],
  replies: [
    // The line answered, with the caller's name the agent put into its instructions. Reworded
    // instructions get the stand-in's rendering instead, which quotes them (name and all).
    {
      on: 'instructions',
      when: 'Answer the phone',
      say: ({ given }) =>
        given.userName && `Hello ${given.userName}, you've reached the pharmacy. How can I help?`,
    },
    { on: 'user', when: /prescription|ready/i, say: "Yes, it's being prepared now." },
    { on: 'user', when: /bye|that's all/i, say: goodbye, toolCalls: [{ name: 'end_call' }] },
    // The framework's tool returns its endInstructions as the tool output; the model then says goodbye.
    { on: 'tool_output', when: ({ text }) => text.startsWith('end_call: '), say: goodbye },
  ],
});
