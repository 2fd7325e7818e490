import { eventsOf, hookOrder, playTurns, startLesson } from '@lessons/kit/testing';
import { describe, expect, it } from 'vitest';
import * as agentModule from './agent.js';
import script from './script.js';

const lesson = { agentModule, script };

describe.concurrent('greeting: onEnter greets the user by name', () => {
  it('runs onEnter before any user turn, and the greeting carries the userData name', async () => {
    const run = await playTurns(await startLesson(lesson, { user: 'Grace' }), script.turns);
    const { events } = run;

    expect(hookOrder(events)[0]).toBe('Greeter.onEnter');
    const onEnter = events.findIndex((e) => e.type === 'hook' && e.hook === 'onEnter');
    const firstInput = events.findIndex((e) => e.type === 'input');
    const greeting = events.findIndex((e) => e.type === 'message' && e.role === 'assistant');
    expect(onEnter).toBeLessThan(greeting);
    expect(greeting).toBeLessThan(firstInput);
    expect(eventsOf(events, 'message')[0]).toMatchObject({ role: 'assistant', agent: 'Greeter' });
    expect(eventsOf(events, 'message')[0]!.text).toContain('Grace');

    // The model was asked with the hook's instructions added to the agent's own.
    const asked = run.model.requests[0]!;
    expect(asked.kind).toBe('instructions');
    expect(asked.text).toContain('You are a friendly customer service representative.');
    expect(asked.text).toContain('Greet Grace personally');
    expect(eventsOf(events, 'close').at(-1)?.reason).toBe('user_initiated');
  });

  it('answers a user turn after the greeting (RunResult)', async () => {
    const run = await startLesson(lesson);
    await run.quiet();
    const result = await run.session.run({ userInput: 'What are your opening hours?' }).wait();
    result.expect.nextEvent().isMessage({ role: 'assistant' });
    result.expect.noMoreEvents();
    expect(run.session.history.items.filter((i) => i.type === 'message').map((m) => m.textContent)).toEqual([
      'Hi Ada, welcome! How can I help you today?',
      'What are your opening hours?',
      "We're open nine to five, Monday to Friday.",
    ]);
    await run.close();
  });
});
