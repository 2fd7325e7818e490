// In a real room on a real livekit-server: the agent greets the participant by the name in their token.
import { eventsOf, hookOrder, describeRoomLesson } from '@lessons/kit/testing';
import { expect, it } from 'vitest';
import script from './script.js';

describeRoomLesson('greeting', 'greeting in a room', (lesson) => {
  it('greets the participant by the name on their token, and answers over lk.chat', async () => {
    const { events } = await lesson.play({ user: 'Grace', turns: script.turns });
    expect(hookOrder(events)).toEqual(['Greeter.onEnter']);
    const said = eventsOf(events, 'message').filter((m) => m.role === 'assistant');
    expect(said[0]!.text).toBe('Hi Grace, welcome! How can I help you today?');
    expect(said.map((m) => m.text)).toContain("We're open nine to five, Monday to Friday.");
    // What the learner typed reached the agent as a user turn (the agent's transcript of it).
    expect(
      eventsOf(events, 'message')
        .filter((m) => m.role === 'user')
        .map((m) => m.text),
    ).toEqual(script.turns);
    expect(eventsOf(events, 'room').find((e) => e.event === 'room_exists')).toMatchObject({ exists: true });
  });
});
