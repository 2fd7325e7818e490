// The checks of exercise 4: `pnpm lesson shutdown-vs-delete --check` runs them against your
// src/exercise.ts; `pnpm test` runs them against src/solution.ts. Each message is a hint.
import { eventsOf, playTurns, startLesson } from '@lessons/kit/testing';
import { describe, expect, it } from 'vitest';

const file = process.env.LESSON_EXERCISE === 'exercise' ? './exercise.js' : './solution.js';
const exercise: typeof import('./solution.js') = await import(file);
const lesson = { agentModule: exercise, script: exercise.script };
const [leave] = exercise.script.scenes!;

async function leaving() {
  const { events } = await playTurns(await startLesson(lesson, { scene: leave }), leave!.turns);
  const lastLine = events.findIndex(
    (e) => e.type === 'message' && e.role === 'assistant' && e.text === exercise.LAST_LINE,
  );
  const shutdown = events.findIndex((e) => e.type === 'job' && e.call === 'shutdown');
  return { events, lastLine, shutdown };
}

describe.concurrent('exercise 4: a fixed last line before ctx.shutdown()', { timeout: 30_000 }, () => {
  it(`says "Leaving now. The room is yours." before it leaves`, async () => {
    const { events, lastLine } = await leaving();
    const said = eventsOf(events, 'message')
      .filter((m) => m.role === 'assistant')
      .map((m) => m.text);
    expect(
      lastLine,
      `The agent said ${JSON.stringify(said)} and never LAST_LINE. In leave_call, before shutdown: ` +
        'await ctx.session.say(LAST_LINE).waitForPlayout()',
    ).toBeGreaterThan(-1);
  });

  it('has played the line out in full before ctx.shutdown()', async () => {
    const { events, lastLine, shutdown } = await leaving();
    expect(shutdown, 'leave_call should still call ctx.shutdown()').toBeGreaterThan(-1);
    expect(
      lastLine > -1 && lastLine < shutdown,
      'LAST_LINE should be spoken before ctx.shutdown(): say it first, and await .waitForPlayout() on it',
    ).toBe(true);
    const line = eventsOf(events, 'message').find((m) => m.text === exercise.LAST_LINE);
    expect(line?.interrupted, 'LAST_LINE was cut off: await .waitForPlayout() before shutdown').toBeFalsy();
  });

  it('still leaves with ctx.shutdown() and its reason; the session closes', async () => {
    const { events } = await leaving();
    expect(eventsOf(events, 'job'), 'leave_call should still end with ctx.shutdown(reason)').toEqual([
      expect.objectContaining({ call: 'shutdown', reason: 'the user asked the agent to leave' }),
    ]);
    expect(eventsOf(events, 'close'), 'the session should close once').toHaveLength(1);
  });
});
