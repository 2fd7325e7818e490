// The checks of exercise 2: `pnpm lesson farewell --check` runs them against your src/exercise.ts;
// `pnpm test` runs them against src/solution.ts. Each message is a hint, so read it when one fails.
import { eventsOf, hookOrder, playTurns, startLesson } from '@lessons/kit/testing';
import { describe, expect, it } from 'vitest';

const file = process.env.LESSON_EXERCISE === 'exercise' ? './exercise.js' : './solution.js';
const exercise: typeof import('./solution.js') = await import(file);
const lesson = { agentModule: exercise, script: exercise.script };
const [transfer, hangUp] = exercise.script.scenes!;

async function play(scene: typeof transfer) {
  const run = await playTurns(await startLesson(lesson, { scene }), scene!.turns);
  const said = eventsOf(run.events, 'message').filter((m) => m.role === 'assistant');
  return { run, said, state: run.session.userData as import('./solution.js').CallState };
}

describe.concurrent('exercise 2: tell a handoff from a hang-up in onExit', { timeout: 30_000 }, () => {
  it('on a hang-up, the last goodbye does not mention billing', async () => {
    const { run, said } = await play(hangUp);
    expect(hookOrder(run.events), 'onExit should still run when the session closes').toContain(
      'Receptionist.onExit',
    );
    const last = said.at(-1)?.text ?? '(nothing)';
    expect(
      last,
      `On a hang-up the receptionist said "${last}". In onExit, when this.session.userData.transferring ` +
        "is not set, ask for a plain goodbye: 'Thank the user for calling and say goodbye.'",
    ).not.toMatch(/billing/i);
    expect(last, 'the plain goodbye should thank the user for calling').toMatch(/thanks for calling/i);
  });

  it('on a hang-up, onExit writes no handoff notes', async () => {
    const { state } = await play(hangUp);
    expect(
      state.handoffNotes,
      `After a hang-up, handoffNotes is "${state.handoffNotes}", but nobody takes over: write the notes ` +
        'only when this.session.userData.transferring is true',
    ).toBeUndefined();
  });

  it('on a transfer, the receptionist still writes the notes and says the billing goodbye', async () => {
    const { state, said } = await play(transfer);
    expect(state.transferring, 'transfer_to_billing should set ctx.userData.transferring = true').toBe(true);
    expect(
      state.handoffNotes,
      'On a transfer, onExit should still write handoffNotes for the billing agent',
    ).toBe('Hi, where do I park? / I was charged twice for my March invoice.');
    const goodbye = said.find((m) => m.agent === 'Receptionist' && /billing will take it/i.test(m.text));
    expect(goodbye, 'On a transfer, the receptionist should still say the billing goodbye').toBeDefined();
    expect(said.at(-1)?.agent, 'after a transfer, the billing agent should have the last word').toBe(
      'BillingAgent',
    );
  });
});
