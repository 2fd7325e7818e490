// The checks of exercise 3: `pnpm lesson turn-context --check` runs them against your
// src/exercise.ts; `pnpm test` runs them against the reference solution (src/solution.ts), and the
// kit's tests against the cheats in src/cheats/, which they must catch. Each message is a hint.
import { type StartedLesson, loadExercisesUnderTest, startLesson } from '@lessons/kit/testing';
import type { llm } from '@livekit/agents';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lookUp } from './agent.js';
import exerciseScript from './exercise.script.js';

type Exercise = typeof import('./solution.js');
const underTest = await loadExercisesUnderTest(
  import.meta.dirname,
  (file) => import(`./${file}.js`) as Promise<Exercise>,
);

/** Lines with addresses of many shapes, and what the model should be given instead of each. */
const LINES: [typed: string, addresses: string[], redacted: string][] = [
  [
    'My email is ada@example.com, where is my delivery?',
    ['ada@example.com'],
    'My email is [email], where is my delivery?',
  ],
  [
    'Please write to bob.smith+x@mail.co.uk about my delivery today',
    ['bob.smith+x@mail.co.uk'],
    'Please write to [email] about my delivery today',
  ],
  [
    'Send it to grace_hopper@navy.mil or li-wei@support.shop-example.io please',
    ['grace_hopper@navy.mil', 'li-wei@support.shop-example.io'],
    'Send it to [email] or [email] please',
  ],
  ['Reach me at Ada.Lovelace99@Example.ORG', ['Ada.Lovelace99@Example.ORG'], 'Reach me at [email]'],
];

/** Start the lesson, type `lines` one by one as the user (the end-of-turn path), then close. */
async function typed(exercise: Exercise, ...lines: string[]): Promise<StartedLesson> {
  const run = await startLesson({ agentModule: exercise, script: exerciseScript(exercise) });
  await run.quiet();
  for (const line of lines) {
    run.typeLine(line);
    await run.quiet();
  }
  await run.close();
  return run;
}

const storedUserTexts = (run: StartedLesson) =>
  run.session.history.items
    .filter((i): i is llm.ChatMessage => i.type === 'message' && i.role === 'user')
    .map((m) => m.textContent);

const HOW =
  "In onUserTurnCompleted, replace every address with '[email]' (a pattern such as " +
  '/[\\w.+-]+@[\\w-]+\\.[\\w.-]+/g, not one address) and set newMessage.content to the result';

for (const { title, exercise } of underTest) {
  describe.concurrent(
    `exercise 3 (${title}): redact e-mail addresses in onUserTurnCompleted`,
    { timeout: 60_000 },
    () => {
      it('the model is never given an address, or a piece of one, whatever its shape', async () => {
        const run = await typed(exercise, ...LINES.map(([line]) => line));
        // From the trace: every request the model got after the hook ran, user lines and notes alike.
        const seen = run.model.requests.flatMap((r) => [...r.userTexts, ...r.systemTexts]).join('\n');
        for (const [line, addresses] of LINES) {
          for (const address of addresses) {
            const local = address.split('@')[0]!;
            expect(
              seen.includes(address) || seen.includes(`${local}@`) || seen.includes(local),
              `The model was given "${address}" (from "${line}"), or part of it. ${HOW}`,
            ).toBe(false);
          }
        }
      });

      it('each message is stored with [email] in place of each address, the rest unchanged', async () => {
        const run = await typed(exercise, ...LINES.map(([line]) => line));
        const stored = storedUserTexts(run);
        expect(stored, `The history kept ${JSON.stringify(stored)}. ${HOW}`).toEqual(
          LINES.map(([, , redacted]) => redacted),
        );
      });

      it('still looks up the delivery note in the redacted line, and still redacts card numbers', async () => {
        const run = await typed(
          exercise,
          LINES[1]![0],
          'My card is 4242 4242 4242 4242, can you check the refund?',
        );
        const asked = run.model.requests.find((r) => r.userTexts.at(-1)?.includes('about my delivery'));
        expect(
          asked?.systemTexts,
          'The model should still get the delivery note: look the note up in the redacted text, after the redaction',
        ).toContain(`Help-centre note: ${lookUp('delivery')}`);
        expect(storedUserTexts(run).at(-1), 'card numbers should still become [card number]').toBe(
          'My card is [card number], can you check the refund?',
        );
      });

      it('the pitfall, once more: session.run({ userInput }) skips the hook, so the address goes through', async () => {
        // Not something to fix: a reminder that typed input must take the end-of-turn path.
        const run = await startLesson({ agentModule: exercise, script: exerciseScript(exercise) });
        await run.quiet();
        await run.session.run({ userInput: LINES[0]![0] }).wait();
        expect(run.model.requests.at(-1)!.userTexts.at(-1)).toBe(LINES[0]![0]);
        await run.close();
      });
    },
  );
}
