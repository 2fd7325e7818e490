// The checks of exercise 5: `pnpm lesson end-call --check` runs them against your src/exercise.ts;
// `pnpm test` runs them against the reference solution (src/solution.ts), and the kit's tests
// against the cheats in src/cheats/, which they must catch. Each message is a hint: read it.
import { eventsOf, loadExercisesUnderTest, playExerciseScene } from '@lessons/kit/testing';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import exerciseScript from './exercise.script.js';

type Exercise = typeof import('./solution.js');
const underTest = await loadExercisesUnderTest(
  import.meta.dirname,
  (file) => import(`./${file}.js`) as Promise<Exercise>,
);

async function play(exercise: Exercise, sceneIndex: number) {
  const run = await playExerciseScene(exercise, exerciseScript, sceneIndex);
  return {
    events: run.events,
    state: run.session.userData as import('./solution.js').Caller,
  };
}

for (const { title, exercise } of underTest) {
  const scenes = exerciseScript(exercise).scenes!;
  describe.concurrent(
    `exercise 5 (${title}): end_call records why the call ended`,
    { timeout: 60_000 },
    () => {
      it("end_call takes a reason: 'caller_done' or 'wrong_number', nothing else", () => {
        const tool = new exercise.PharmacyLine().toolCtx.getFunctionTool('end_call');
        expect(tool, 'PharmacyLine should still have its end_call tool').toBeDefined();
        const schema = tool!.parameters as unknown as z.ZodTypeAny;
        const accepts = (args: object) => schema.safeParse(args).success;
        const hint =
          "end_call's parameters should be z.object({ reason: z.enum(['caller_done', 'wrong_number']) })";
        expect(accepts({ reason: 'caller_done' }) && accepts({ reason: 'wrong_number' }), hint).toBe(true);
        expect(
          accepts({ reason: 'bored' }) || accepts({}),
          `${hint}: it accepts other reasons, or none`,
        ).toBe(false);
      });

      it.each(scenes.map((scene, index) => [scene.title, scene.id!, index] as const))(
        'on %s, userData.endReason is the reason end_call was given (%s)',
        async (scene, expected, index) => {
          // The stand-in calls end_call with the scene's reason (the trace's tool event shows it).
          const { state } = await play(exercise, index);
          const given = expected;
          expect(
            state.endReason,
            `On ${scene}, end_call was called with reason '${given}' but userData.endReason is ` +
              `'${state.endReason}'. Store the argument itself: take ({ reason }, { ctx }) in execute and set ` +
              'ctx.userData.endReason = reason (not a guess from the words, the goodbye or the length of the call)',
          ).toBe(given);
        },
      );

      it('still lets the goodbye play out before the room is deleted', async () => {
        const { events } = await play(exercise, 0);
        const goodbye = events.findIndex(
          (e) => e.type === 'message' && e.text.includes('Goodbye, and take care!'),
        );
        const deleted = events.findIndex((e) => e.type === 'job' && e.call === 'deleteRoom');
        expect(deleted, 'end_call should still delete the room').toBeGreaterThan(-1);
        expect(
          goodbye > -1 && goodbye < deleted,
          'the goodbye should be played out before deleteRoom(): keep await ctx.waitForPlayout() first',
        ).toBe(true);
        expect(
          eventsOf(events, 'message').some((m) => m.interrupted),
          'the goodbye was cut off',
        ).toBe(false);
      });
    },
  );
}
