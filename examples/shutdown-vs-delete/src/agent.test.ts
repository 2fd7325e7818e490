import { eventsOf, playTurns, startLesson } from '@lessons/kit/testing';
import { describe, expect, it } from 'vitest';
import * as agentModule from './agent.js';
import script from './script.js';

const lesson = { agentModule, script };
const [leave, end] = script.scenes!;

describe.concurrent('shutdown-vs-delete: the path asked for, with its reason', () => {
  it('leaves with ctx.shutdown() after the reply has played out', async () => {
    const { events } = await playTurns(await startLesson(lesson, { scene: leave }), leave!.turns);
    expect(eventsOf(events, 'tool').map((t) => t.name)).toEqual(['leave_call']);
    expect(eventsOf(events, 'job')).toEqual([
      expect.objectContaining({ call: 'shutdown', reason: 'the user asked the agent to leave' }),
    ]);
    const reply = events.findIndex((e) => e.type === 'message' && e.text.includes("I'll leave you to it"));
    const shutdown = events.findIndex((e) => e.type === 'job');
    expect(reply).toBeGreaterThan(-1);
    expect(reply).toBeLessThan(shutdown);
    expect(eventsOf(events, 'close')).toEqual([expect.objectContaining({ reason: 'user_initiated' })]);
    expect(eventsOf(events, 'note').at(-1)!.text).toMatch(/room and everyone else in it stay/);
  });

  it('ends the meeting with ctx.deleteRoom() after the goodbye has played out', async () => {
    const { events } = await playTurns(await startLesson(lesson, { scene: end }), end!.turns);
    expect(eventsOf(events, 'tool').map((t) => t.name)).toEqual(['end_meeting']);
    expect(eventsOf(events, 'job')).toEqual([expect.objectContaining({ call: 'deleteRoom' })]);
    const goodbye = events.findIndex((e) => e.type === 'message' && e.text.includes('Ending the meeting'));
    expect(goodbye).toBeGreaterThan(-1);
    expect(goodbye).toBeLessThan(events.findIndex((e) => e.type === 'job'));
    expect(eventsOf(events, 'close')).toHaveLength(1);
    expect(eventsOf(events, 'note').at(-1)!.text).toMatch(/everyone in it, SIP callers too, is disconnected/);
  });
});
