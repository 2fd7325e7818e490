// In a real room: text typed on lk.chat takes the end-of-turn path, so the hook's edits apply to it.
import { eventsOf, describeRoomLesson } from '@lessons/kit/testing';
import { expect, it } from 'vitest';
import { lookUp } from './agent.js';

describeRoomLesson('turn-context', 'turn-context in a room', (lesson) => {
  it('injects context, redacts, and cancels replies for text arriving over lk.chat', async () => {
    const turns = [
      'How long does a refund take?',
      'My card is 4242 4242 4242 4242, can you check the refund?',
      'never mind',
    ];
    const { events } = await lesson.play({ turns });
    const ends = eventsOf(events, 'hook_end').filter((e) => e.hook === 'onUserTurnCompleted');
    expect(ends.map((e) => e.result)).toEqual(['ok', 'ok', 'stop_response']);
    expect(ends[0]!.added).toEqual([`system: Help-centre note: ${lookUp('refund')}`]);
    expect(ends[1]!.message).toBe('My card is [card number], can you check the refund?');

    const said = eventsOf(events, 'message')
      .filter((m) => m.role === 'assistant')
      .map((m) => m.text);
    expect(said[1]).toContain('From the help centre: Refunds go back');
    expect(said[2]).toContain('I only see [card number] here');
    expect(said).toHaveLength(3); // the greeting and two answers: "never mind" got none
  });
});
