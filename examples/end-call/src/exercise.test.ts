// The checks of exercise 5: `pnpm lesson end-call --check` runs them against your src/exercise.ts;
// `pnpm test` runs them against src/solution.ts. Each message is a hint, so read it when one fails.
import { eventsOf, playTurns, startLesson } from '@lessons/kit/testing';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';

const file = process.env.LESSON_EXERCISE === 'exercise' ? './exercise.js' : './solution.js';
const exercise: typeof import('./solution.js') = await import(file);
const lesson = { agentModule: exercise, script: exercise.script };
const [callerDone, wrongNumber] = exercise.script.scenes!;

async function play(scene: typeof callerDone) {
  const run = await playTurns(await startLesson(lesson, { scene }), scene!.turns);
  return { events: run.events, state: run.session.userData as import('./solution.js').Caller };
}

describe.concurrent('exercise 5: end_call records why the call ended', { timeout: 30_000 }, () => {
  it("end_call takes a reason: 'caller_done' or 'wrong_number', nothing else", () => {
    const tool = new exercise.PharmacyLine().toolCtx.getFunctionTool('end_call');
    expect(tool, 'PharmacyLine should still have its end_call tool').toBeDefined();
    const schema = tool!.parameters as unknown as z.ZodTypeAny;
    const accepts = (args: object) => schema.safeParse(args).success;
    const hint =
      "end_call's parameters should be z.object({ reason: z.enum(['caller_done', 'wrong_number']) })";
    expect(accepts({ reason: 'caller_done' }) && accepts({ reason: 'wrong_number' }), hint).toBe(true);
    expect(accepts({ reason: 'bored' }) || accepts({}), `${hint}: it accepts other reasons, or none`).toBe(
      false,
    );
  });

  it("stores 'caller_done' in userData when the caller says goodbye", async () => {
    const { state } = await play(callerDone);
    expect(
      state.endReason,
      "After the caller's goodbye, userData.endReason should be 'caller_done': in end_call's execute, " +
        'take ({ reason }, { ctx }) and set ctx.userData.endReason = reason before hanging up',
    ).toBe('caller_done');
  });

  it("stores 'wrong_number' in userData for a wrong number", async () => {
    const { state } = await play(wrongNumber);
    expect(
      state.endReason,
      "For a wrong number, userData.endReason should be 'wrong_number': store the reason the tool was given",
    ).toBe('wrong_number');
  });

  it('still lets the goodbye play out before the room is deleted', async () => {
    const { events } = await play(callerDone);
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
});
