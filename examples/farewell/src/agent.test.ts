import { eventsOf, hookOrder, playTurns, startLesson } from '@lessons/kit/testing';
import { describe, expect, it } from 'vitest';
import * as agentModule from './agent.js';
import script from './script.js';

const lesson = { agentModule, script };

describe.concurrent('farewell: onExit saves state and says goodbye before the handoff', () => {
  it("runs the receptionist's onExit before the billing agent's onEnter, and the saved notes survive", async () => {
    const run = await playTurns(await startLesson(lesson), script.turns);
    const { events } = run;

    expect(hookOrder(events)).toEqual([
      'Receptionist.onEnter',
      'Receptionist.onExit',
      'BillingAgent.onEnter',
    ]);

    // The handoff came from the tool, and the goodbye was spoken by the receptionist before billing spoke.
    const assistant = eventsOf(events, 'message').filter((m) => m.role === 'assistant');
    const goodbye = assistant.findIndex((m) => m.text.includes('Goodbye from the front desk'));
    const billing = assistant.findIndex((m) => m.text.startsWith('Billing here'));
    expect(goodbye).toBeGreaterThan(-1);
    expect(assistant[goodbye]!.agent).toBe('Receptionist');
    expect(billing).toBeGreaterThan(goodbye);
    expect(assistant[billing]!.agent).toBe('BillingAgent');
    // Nothing else: no stand-in line of its own after the handoff tool's output.
    expect(assistant.map((m) => m.text).filter((t) => t.includes('offline stand-in'))).toEqual([]);
    expect(eventsOf(events, 'handoff')).toMatchObject([{ from: 'receptionist', to: 'billing_agent' }]);

    // State written in onExit is in userData after the handoff, and reached the new agent's model call.
    const notes = 'Hi, where do I park? / I was charged twice for my March invoice.';
    expect((run.session.userData as agentModule.CallState).handoffNotes).toBe(notes);
    expect(assistant[billing]!.text).toContain(notes);
    expect(run.model.requests.find((r) => r.text.includes('You are the billing specialist'))?.text).toContain(
      notes,
    );
  });

  it('hands off from a tool call (RunResult)', async () => {
    const run = await startLesson(lesson);
    await run.quiet();
    const result = await run.session.run({ userInput: 'I was charged twice for my March invoice.' }).wait();
    result.expect.containsFunctionCall({ name: 'transfer_to_billing' });
    result.expect.containsAgentHandoff({ newAgentType: agentModule.BillingAgent });
    expect(run.session.currentAgent).toBeInstanceOf(agentModule.BillingAgent);
    await run.close();
  });
});
