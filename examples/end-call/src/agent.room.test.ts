// In a real room: the goodbye transcript reaches the caller before the call ends, with the
// hand-written tool and with beta.createEndCallTool; without the wait, it does not.
import { eventsOf, describeRoomLesson } from '@lessons/kit/testing';
import { expect, it } from 'vitest';
import script from './script.js';

const [waits, hasty, framework] = script.scenes!;
const GOODBYE = 'Glad I could help. Your prescription will be ready at four. Goodbye, and take care!';

describeRoomLesson('end-call', 'end-call in a room', (lesson) => {
  const goodbyeThenDisconnect = async (scene: typeof waits) => {
    const { events, learner } = await lesson.play({ scene, turns: scene!.turns, user: 'Grace' });
    expect(await learner.disconnected).toBe('ROOM_DELETED');
    // The line answers first, by the caller's name, before the caller's first words.
    const answer = events.findIndex((e) => e.type === 'message' && e.role === 'assistant');
    const firstWords = events.findIndex((e) => e.type === 'message' && e.role === 'user');
    expect(events[answer]).toMatchObject({ text: expect.stringContaining('Grace') });
    expect(events.findIndex((e) => e.type === 'hook' && e.hook === 'onEnter')).toBeLessThan(answer);
    expect(answer).toBeLessThan(firstWords);
    const goodbye = events.findIndex(
      (e) => e.type === 'message' && e.role === 'assistant' && e.text === GOODBYE,
    );
    const disconnected = events.findIndex((e) => e.type === 'room' && e.event === 'disconnected');
    return { events, goodbye, disconnected };
  };

  it('the hand-written end_call: the whole goodbye arrives, then the room is deleted', async () => {
    const { events, goodbye, disconnected } = await goodbyeThenDisconnect(waits);
    expect(goodbye).toBeGreaterThan(-1);
    expect(goodbye).toBeLessThan(disconnected);
    expect(eventsOf(events, 'job').map((j) => j.call)).toEqual(['deleteRoom']);
  });

  it('beta.createEndCallTool: the whole goodbye arrives, then the room is deleted', async () => {
    const { events, goodbye, disconnected } = await goodbyeThenDisconnect(framework);
    expect(goodbye).toBeGreaterThan(-1);
    expect(goodbye).toBeLessThan(disconnected);
    expect(eventsOf(events, 'tool_end')).toEqual([
      expect.objectContaining({ output: 'say goodbye to the caller' }),
    ]);
  });

  it('without the wait, the caller is disconnected before the goodbye reaches them', async () => {
    const { events, goodbye } = await goodbyeThenDisconnect(hasty);
    expect(goodbye).toBe(-1);
    const heard = eventsOf(events, 'message')
      .filter((m) => m.role === 'assistant')
      .map((m) => m.text);
    expect(heard.at(-1)).not.toContain('take care');
  });
});
