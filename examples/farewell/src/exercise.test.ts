// The checks of exercise 2: `pnpm lesson farewell --check` runs them against your src/exercise.ts;
// `pnpm test` runs them against the reference solution (src/solution.ts), and the kit's tests
// against the cheats in src/cheats/, which they must catch. Each message is a hint: read it.
import {
  type StartedLesson,
  eventsOf,
  loadExercisesUnderTest,
  hookOrder,
  playExerciseScene,
} from '@lessons/kit/testing';
import { describe, expect, it } from 'vitest';
import exerciseScript from './exercise.script.js';

type Exercise = typeof import('./solution.js');
const underTest = await loadExercisesUnderTest(
  import.meta.dirname,
  (file) => import(`./${file}.js`) as Promise<Exercise>,
);

async function play(exercise: Exercise, sceneIndex: number) {
  const run: StartedLesson = await playExerciseScene(exercise, exerciseScript, sceneIndex);
  const said = eventsOf(run.events, 'message').filter((m) => m.role === 'assistant');
  // From the trace: what each generateReply asked, after onEnter's greeting (onExit's, here).
  const onExitAsked = run.model.requests
    .filter((r) => r.kind === 'instructions' && r.asked && !r.given.userName)
    .map((r) => r.asked);
  return { run, said, onExitAsked, state: run.session.userData as import('./solution.js').CallState };
}

const HANG_UPS = [1, 2, 3];

for (const { title, exercise } of underTest) {
  const scenes = exerciseScript(exercise).scenes!;
  describe.concurrent(
    `exercise 2 (${title}): tell a handoff from a hang-up in onExit`,
    { timeout: 60_000 },
    () => {
      it.each(HANG_UPS.map((i) => [scenes[i]!.title, i] as const))(
        'on a hang-up (%s), onExit asks the model for a goodbye without billing, and writes no notes',
        async (scene, index) => {
          const { run, said, onExitAsked, state } = await play(exercise, index);
          expect(hookOrder(run.events), 'onExit should still run when the session closes').toContain(
            'Receptionist.onExit',
          );
          expect(
            onExitAsked.length,
            `On a hang-up (${scene}) onExit asked the model nothing. Ask for the goodbye with ` +
              "this.session.generateReply({ instructions: 'Thank the user for calling and say goodbye.' }), " +
              'not a fixed session.say()',
          ).toBeGreaterThan(0);
          expect(
            onExitAsked.at(-1),
            `On a hang-up (${scene}) onExit asked "${onExitAsked.at(-1)}". Tell a hang-up by ` +
              'this.session.userData.transferring (set only by transfer_to_billing), not by what the user said',
          ).not.toMatch(/billing/i);
          expect(
            state.handoffNotes,
            `After a hang-up (${scene}), handoffNotes is "${state.handoffNotes}", but nobody takes over: write ` +
              'the notes only when this.session.userData.transferring is true',
          ).toBeUndefined();
          expect(said.at(-1)?.text ?? '(nothing)', 'the last goodbye should not mention billing').not.toMatch(
            /billing/i,
          );
        },
      );

      it('on a transfer, onExit still writes the notes and asks for the billing goodbye', async () => {
        const { state, said, onExitAsked } = await play(exercise, 0);
        expect(state.transferring, 'transfer_to_billing should set ctx.userData.transferring = true').toBe(
          true,
        );
        expect(
          state.handoffNotes,
          'On a transfer, onExit should still write handoffNotes for the billing agent',
        ).toBe('Hi, where do I park? / I was charged twice for my March invoice.');
        expect(onExitAsked.at(-1), 'On a transfer, onExit should still ask for the billing goodbye').toMatch(
          /billing will take it/i,
        );
        const goodbye = said.find((m) => m.agent === 'Receptionist' && /billing will take it/i.test(m.text));
        expect(goodbye, 'On a transfer, the receptionist should still say the billing goodbye').toBeDefined();
        expect(said.at(-1)?.agent, 'after a transfer, the billing agent should have the last word').toBe(
          'BillingAgent',
        );
      });
    },
  );
}
