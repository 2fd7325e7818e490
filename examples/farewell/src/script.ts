// The offline demo: a question for the front desk, then one that needs billing.
import { defineScript } from '@lessons/kit';
import { type CallState, Receptionist } from './agent.js';

const notes = /Notes from the receptionist: (.*)\.$/s;
const reason = /Reason for transfer: ([^.]*)\./;

export default defineScript<CallState>({
  agent: () => new Receptionist(),
  userData: (userName) => ({ userName }),
  turns: ['Hi, where do I park?', 'I was charged twice for my March invoice.', 'Thank you!'],
  suggestions: ['Where do I park?', 'I was charged twice for my March invoice.'],
  replies: [
    {
      on: 'instructions',
      when: /Welcome (.+) to the front desk/,
      say: ({ text }) =>
        `Front desk here. Hello ${/Welcome (.+) to the front desk/.exec(text)![1]}, what can I do for you?`,
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
      when: notes,
      say: ({ text }) =>
        `Billing here. I see it's about a ${reason.exec(text)![1]}; the front desk noted: "${notes.exec(text)![1]}". Let me look into it.`,
    },
    {
      on: 'user',
      when: /thank/i,
      say: "You're welcome. The duplicate charge will be refunded within five days.",
    },
  ],
});
