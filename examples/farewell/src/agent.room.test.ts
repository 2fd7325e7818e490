// In a real room: the handoff happens inside the room, onExit before the next agent's onEnter.
import { eventsOf, hookOrder, describeRoomLesson } from '@lessons/kit/testing';
import { expect, it } from 'vitest';
import script from './script.js';

describeRoomLesson('farewell', 'farewell in a room', (lesson) => {
  it('hands off in the room: onExit runs and says goodbye before the billing agent enters', async () => {
    const { events } = await lesson.play({ turns: script.turns });
    expect(hookOrder(events)).toEqual([
      'Receptionist.onEnter',
      'Receptionist.onExit',
      'BillingAgent.onEnter',
    ]);
    const said = eventsOf(events, 'message')
      .filter((m) => m.role === 'assistant')
      .map((m) => m.text);
    const goodbye = said.findIndex((t) => t.includes('Goodbye from the front desk'));
    const billing = said.findIndex((t) => t.startsWith('Billing here'));
    expect(goodbye).toBeGreaterThan(-1);
    expect(billing).toBeGreaterThan(goodbye);
    // The notes onExit saved in userData reached the next agent.
    expect(said[billing]).toContain('I was charged twice for my March invoice.');
    // One agent participant throughout: a handoff changes the agent, not who is in the room.
    expect(eventsOf(events, 'room').filter((e) => e.event === 'participant_joined')).toHaveLength(1);
  });
});
