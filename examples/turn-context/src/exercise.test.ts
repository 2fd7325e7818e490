// The checks of exercise 3: `pnpm lesson turn-context --check` runs them against your
// src/exercise.ts; `pnpm test` runs them against src/solution.ts. Each message is a hint.
import { type StartedLesson, eventsOf, startLesson } from '@lessons/kit/testing';
import type { llm } from '@livekit/agents';
import { describe, expect, it } from 'vitest';
import { lookUp } from './agent.js';

const file = process.env.LESSON_EXERCISE === 'exercise' ? './exercise.js' : './solution.js';
const exercise: typeof import('./solution.js') = await import(file);
const lesson = { agentModule: exercise, script: exercise.script };

const LINE = 'My email is ada@example.com, where is my delivery?';

/** Start the lesson, type `lines` one by one as the user (the end-of-turn path), then close. */
async function typed(...lines: string[]): Promise<StartedLesson> {
  const run = await startLesson(lesson);
  await run.quiet();
  for (const line of lines) {
    run.say(line);
    await run.quiet();
  }
  await run.close();
  return run;
}

const storedUserTexts = (run: StartedLesson) =>
  run.session.history.items
    .filter((i): i is llm.ChatMessage => i.type === 'message' && i.role === 'user')
    .map((m) => m.textContent);

describe.concurrent('exercise 3: redact e-mail addresses in onUserTurnCompleted', { timeout: 30_000 }, () => {
  it('stores the message with [email] in place of the address', async () => {
    const run = await typed(LINE);
    const stored = storedUserTexts(run);
    expect(
      stored,
      `The history kept ${JSON.stringify(stored)}. In onUserTurnCompleted, replace the address with ` +
        "'[email]' (for example text.replace(/[\\w.+-]+@[\\w-]+\\.[\\w.-]+/g, '[email]')) and set " +
        'newMessage.content to the result',
    ).toEqual(['My email is [email], where is my delivery?']);
  });

  it('never sends the address to the model', async () => {
    const run = await typed(LINE);
    const leaked = run.model.requests.filter((r) => r.userTexts.join(' ').includes('ada@example.com'));
    expect(
      leaked.length,
      'The model was sent "ada@example.com": redact it in the hook, before the hook returns',
    ).toBe(0);
  });

  it('still looks up the delivery note, and still redacts card numbers', async () => {
    const run = await typed(LINE, 'My card is 4242 4242 4242 4242, can you check the refund?');
    const asked = run.model.requests.find((r) => r.userTexts.at(-1)?.includes('where is my delivery'));
    expect(
      asked?.systemTexts,
      'The model should still get the delivery note for the e-mail line: look the note up in the ' +
        'redacted text, after the redaction',
    ).toContain(`Help-centre note: ${lookUp('delivery')}`);
    expect(storedUserTexts(run).at(-1), 'card numbers should still become [card number]').toBe(
      'My card is [card number], can you check the refund?',
    );
  });

  it('the pitfall, once more: session.run({ userInput }) skips the hook, so the address goes through', async () => {
    // Not something to fix: a reminder that typed input must take the end-of-turn path.
    const run = await startLesson(lesson);
    await run.quiet();
    await run.session.run({ userInput: LINE }).wait();
    expect(run.model.requests.at(-1)!.userTexts.at(-1)).toBe(LINE);
    await run.close();
  });
});
