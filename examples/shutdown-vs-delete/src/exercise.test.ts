// The checks of exercise 4: `pnpm lesson shutdown-vs-delete --check` runs them against your
// src/exercise.ts; `pnpm test` runs them against the reference solution (src/solution.ts), and the
// kit's tests against the cheats in src/cheats/, which they must catch. Each message is a hint.
import { eventsOf, loadExercisesUnderTest, playExerciseScene } from '@lessons/kit/testing';
import { describe, expect, it } from 'vitest';
import exerciseScript from './exercise.script.js';

type Exercise = typeof import('./solution.js');
const underTest = await loadExercisesUnderTest(
  import.meta.dirname,
  (file) => import(`./${file}.js`) as Promise<Exercise>,
);

/** Play a scene (0: the user lets the agent go; 1: the meeting ends for everyone); read the trace. */
async function play(exercise: Exercise, sceneIndex: number) {
  const { events } = await playExerciseScene(exercise, exerciseScript, sceneIndex);
  const at = (found: (e: (typeof events)[number]) => boolean) => events.findIndex(found);
  return {
    events,
    lastLine: at((e) => e.type === 'message' && e.role === 'assistant' && e.text === exercise.LAST_LINE),
    tool: at((e) => e.type === 'tool' && e.name === 'leave_call'),
    shutdown: at((e) => e.type === 'job' && e.call === 'shutdown'),
    said: eventsOf(events, 'message')
      .filter((m) => m.role === 'assistant')
      .map((m) => m.text),
  };
}

for (const { title, exercise } of underTest) {
  describe.concurrent(
    `exercise 4 (${title}): a fixed last line before ctx.shutdown()`,
    { timeout: 60_000 },
    () => {
      it(`leave_call says "Leaving now. The room is yours." once it is called, before ctx.shutdown()`, async () => {
        const { lastLine, tool, shutdown, said } = await play(exercise, 0);
        expect(
          lastLine,
          `The agent said ${JSON.stringify(said)} and never LAST_LINE. In leave_call, before shutdown: ` +
            'await ctx.session.say(LAST_LINE).waitForPlayout()',
        ).toBeGreaterThan(-1);
        expect(tool, 'the stand-in should still call leave_call').toBeGreaterThan(-1);
        expect(
          lastLine > tool,
          "LAST_LINE was said before leave_call was called: it is the tool's line, said in its execute " +
            '(not in onEnter or onUserTurnCompleted)',
        ).toBe(true);
        expect(
          shutdown > lastLine,
          'LAST_LINE should be spoken before ctx.shutdown(): say it first, and await .waitForPlayout() on it',
        ).toBe(true);
      });

      it('has played the line out in full before ctx.shutdown()', async () => {
        const { events } = await play(exercise, 0);
        const line = eventsOf(events, 'message').find((m) => m.text === exercise.LAST_LINE);
        expect(
          line?.interrupted,
          'LAST_LINE was cut off: await .waitForPlayout() before shutdown',
        ).toBeFalsy();
        expect(line, 'LAST_LINE should be said').toBeDefined();
      });

      it('still leaves with ctx.shutdown() and its reason; the session closes', async () => {
        const { events } = await play(exercise, 0);
        expect(eventsOf(events, 'job'), 'leave_call should still end with ctx.shutdown(reason)').toEqual([
          expect.objectContaining({ call: 'shutdown', reason: 'the user asked the agent to leave' }),
        ]);
        expect(eventsOf(events, 'close'), 'the session should close once').toHaveLength(1);
      });

      it('ending the meeting for everyone does not say the leave_call line', async () => {
        const { events, said } = await play(exercise, 1);
        expect(
          eventsOf(events, 'job').map((j) => j.call),
          'end_meeting should still delete the room',
        ).toEqual(['deleteRoom']);
        expect(
          said,
          'LAST_LINE is what leave_call says ("The room is yours"): end_meeting (and the other hooks) should not say it',
        ).not.toContain(exercise.LAST_LINE);
      });
    },
  );
}
