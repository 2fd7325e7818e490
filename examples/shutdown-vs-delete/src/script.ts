// The offline demo, in two scenes: the agent leaves (shutdown), then the meeting ends (deleteRoom).
import { defineScript } from '@lessons/kit';
import { FrontDesk, type Visitor } from './agent.js';

export default defineScript<Visitor>({
  agent: () => new FrontDesk(),
  userData: (userName) => ({ userName }),
  turns: ['Thanks, you can go now. I will wait here for my colleague.'],
  scenes: [
    {
      title: 'ctx.shutdown(): the agent leaves, the room stays',
      turns: ['Thanks, you can go now. I will wait here for my colleague.'],
    },
    {
      title: 'ctx.deleteRoom(): the meeting ends for everyone',
      turns: ['We are done, end the meeting for everyone.'],
    },
  ],
  suggestions: ['You can go now, I will wait here.', 'End the meeting for everyone.'],
  replies: [
    // The name comes from `given` (what the agent put into the instructions from userData).
    {
      on: 'instructions',
      when: 'to the meeting room',
      say: ({ given }) => given.userName && `Welcome, ${given.userName}. The room is ready.`,
    },
    {
      on: 'user',
      when: /end the meeting|for everyone/i,
      say: 'Ending the meeting for everyone now. Goodbye!',
      toolCalls: [{ name: 'end_meeting' }],
    },
    {
      on: 'user',
      when: /go now|leave|wait here/i,
      say: "Of course, I'll leave you to it.",
      toolCalls: [{ name: 'leave_call' }],
    },
  ],
});
