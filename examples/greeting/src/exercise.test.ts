// The checks of exercise 1: `pnpm lesson greeting --check` runs them against your src/exercise.ts;
// `pnpm test` runs them against the reference solution (src/solution.ts), and the kit's tests
// against the cheats in src/cheats/, which they must catch. Each message is a hint: read it.
import {
  type StartedLesson,
  loadExercisesUnderTest,
  hookOrder,
  playTurns,
  startLesson,
} from '@lessons/kit/testing';
import { describe, expect, it } from 'vitest';
import exerciseScript from './exercise.script.js';

type Exercise = typeof import('./solution.js');
const underTest = await loadExercisesUnderTest(
  import.meta.dirname,
  (file) => import(`./${file}.js`) as Promise<Exercise>,
);

const partOfDay = (hour: number) => (hour < 12 ? 'morning' : hour < 18 ? 'afternoon' : 'evening');
const PARTS = ['morning', 'afternoon', 'evening'];

/** Start the exercise's Greeter at `hour` o'clock: what onEnter asked the model, and what was said. */
async function greetingAt(exercise: Exercise, hour: number, user = 'Ada') {
  const lesson = { agentModule: exercise, script: exerciseScript(exercise) };
  const scene = { title: `${hour}:00`, turns: [], agent: () => new exercise.Greeter(() => hour) };
  const run: StartedLesson = await playTurns(await startLesson(lesson, { user, scene }), []);
  // From the trace: the generateReply instructions onEnter sent (the model's only request here).
  const asked = run.model.requests.find((r) => r.kind === 'instructions' && r.asked)?.asked;
  const said = run.events.find((e) => e.type === 'message' && e.role === 'assistant');
  return { run, asked, said: said?.type === 'message' ? said.text : '(nothing)' };
}

/** The hint when onEnter asked for the wrong part of the day, or asked nothing at all. */
function wrongPart(hour: number, asked: string | undefined): string {
  const expected = partOfDay(hour);
  if (asked === undefined) {
    return (
      `At ${hour}:00 onEnter asked the model nothing. Greet with this.session.generateReply({ instructions }), ` +
      'not a fixed session.say(): the exercise is about what the instructions ask for'
    );
  }
  return (
    `At ${hour}:00 onEnter asked "${asked}", but ${hour}:00 is ${expected}: read this.hour() (0 to 23) ` +
    `and ask for a good-${expected} greeting (morning before 12, afternoon before 18, evening from 18)`
  );
}

for (const { title, exercise } of underTest) {
  describe.concurrent(`exercise 1 (${title}): greet by the time of day`, { timeout: 60_000 }, () => {
    it.each([
      [11, 'morning'],
      [12, 'afternoon'],
      [17, 'afternoon'],
      [18, 'evening'],
    ])('at the boundary %i:00, onEnter asks for a good-%s greeting', async (hour, expected) => {
      const { asked } = await greetingAt(exercise, hour);
      const named = PARTS.filter((part) => asked?.toLowerCase().includes(part));
      expect(named, wrongPart(hour, asked)).toEqual([expected]);
    });

    it('at every hour from 0 to 23, onEnter asks for the right part of the day', async () => {
      const hours = Array.from({ length: 24 }, (_, hour) => hour);
      const runs = await Promise.all(hours.map((hour) => greetingAt(exercise, hour)));
      for (const [hour, { asked }] of runs.entries()) {
        const named = PARTS.filter((part) => asked?.toLowerCase().includes(part));
        expect(named, wrongPart(hour, asked)).toEqual([partOfDay(hour)]);
      }
    });

    it('still greets the user by name, from onEnter, before the user speaks', async () => {
      const { run, asked, said } = await greetingAt(exercise, 20, 'Grace');
      expect(hookOrder(run.events)[0], 'the greeting should still come from Greeter.onEnter').toBe(
        'Greeter.onEnter',
      );
      expect(
        asked ?? '(nothing)',
        'the instructions should still name the user (from this.session.userData.userName)',
      ).toContain('Grace');
      expect(said, 'the spoken greeting should carry the name').toMatch(/Grace/);
    });
  });
}
