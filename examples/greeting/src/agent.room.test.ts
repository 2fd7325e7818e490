// In a real room on a real livekit-server: the agent greets the participant by the name in their token.
import { type RoomTestLesson, eventsOf, hookOrder, startRoomTestLesson } from '@lessons/kit/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import script from './script.js';

const server = inject('livekitServer');
let lesson: RoomTestLesson;
// Skipped (loudly, by the global setup) when there is no livekit-server; tests share one worker.
const describeRoom = server ? describe.concurrent : describe.skip;

describeRoom('greeting in a room', { timeout: 90_000 }, () => {
  beforeAll(async () => {
    lesson = (await startRoomTestLesson('greeting', { build: inject('lessonsBuild'), server }))!;
  });
  afterAll(() => lesson?.stop());

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
