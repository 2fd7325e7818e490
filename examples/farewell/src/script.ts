// The offline demo: a question for the front desk, then one that needs billing.
import { defineScript } from '@lessons/kit';
import { type CallState, Receptionist } from './agent.js';

export default defineScript<CallState>({
  agent: () => new Receptionist(),
  userData: (userName) => ({ userName }),
  msPerWord: 20, // onExit's goodbye plays out before the handoff: let it take a moment
  turns: ['Hi, where do I park?', 'I was charged twice for my March invoice.', 'Thank you!'],
  suggestions: ['Where do I park?', 'I was charged twice for my March invoice.'],
  replies: [
    // Each reply takes its facts from `given`: what the agent put into the instructions from
    // userData (the name, the notes) and from the tool call (the reason). Instructions worded
    // otherwise get the stand-in's rendering, which quotes them.
    {
      on: 'instructions',
      when: 'to the front desk',
      say: ({ given }) =>
        given.userName && `Front desk here. Hello ${given.userName}, what can I do for you?`,
    },
    { on: 'user', when: /park/i, say: 'Visitor parking is behind the building, first two rows.' },
    {
      on: 'user',
      when: /charged|invoice|bill|refund|payment/i,
      toolCalls: [{ name: 'transfer_to_billing', args: { reason: 'double charge on an invoice' } }],
    },
    {
      on: 'instructions',
      when: /Say a short goodbye/,
      say: 'Billing will take it from here. Goodbye from the front desk!',
    },
    {
      on: 'instructions',
      when: 'as billing',
      say: ({ given }) =>
        given.reason &&
        `Billing here. Hello ${given.userName ?? 'there'}, I see it's about a ${given.reason}; the front desk noted: "${given.handoffNotes ?? 'nothing'}". Let me look into it.`,
    },
    {
      on: 'user',
      when: /thank/i,
      say: "You're welcome. The duplicate charge will be refunded within five days.",
    },
  ],
});
