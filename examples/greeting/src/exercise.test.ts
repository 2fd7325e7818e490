// The checks of exercise 1: `pnpm lesson greeting --check` runs them against your src/exercise.ts;
// `pnpm test` runs them against src/solution.ts. Each message is a hint, so read it when one fails.
import { eventsOf, hookOrder, playTurns, startLesson } from '@lessons/kit/testing';
import { describe, expect, it } from 'vitest';

const file = process.env.LESSON_EXERCISE === 'exercise' ? './exercise.js' : './solution.js';
const exercise: typeof import('./solution.js') = await import(file);
const { Greeter, script } = exercise;

/** The greeting the agent says at `hour` o'clock, to `user`. */
async function greetingAt(hour: number, user = 'Ada') {
  const lesson = { agentModule: exercise, script };
  const scene = { title: `${hour}:00`, turns: [], agent: () => new Greeter(() => hour) };
  const run = await playTurns(await startLesson(lesson, { user, scene }), []);
  const greeting = eventsOf(run.events, 'message').find((m) => m.role === 'assistant');
  return { run, text: greeting?.text ?? '(no greeting at all)' };
}

describe.concurrent('exercise 1: greet by the time of day', { timeout: 30_000 }, () => {
  it.each([
    [9, 'Good morning'],
    [12, 'Good afternoon'],
    [17, 'Good afternoon'],
    [18, 'Good evening'],
  ])('at %i:00 the greeting says "%s"', async (hour, expected) => {
    const { text } = await greetingAt(hour);
    expect(
      text,
      `At ${hour}:00 the greeting should say "${expected}", but it said "${text}". In onEnter, read ` +
        `this.hour(), pick the part of the day, and ask for a good-${expected.split(' ')[1]!.toLowerCase()} ` +
        'greeting in the instructions',
    ).toContain(expected);
  });

  it('still greets the user by name, from onEnter, before the user speaks', async () => {
    const { run, text } = await greetingAt(20, 'Grace');
    expect(hookOrder(run.events)[0], 'the greeting should still come from Greeter.onEnter').toBe(
      'Greeter.onEnter',
    );
    expect(text, 'the greeting should still name the user (from this.session.userData.userName)').toContain(
      'Grace',
    );
  });
});
