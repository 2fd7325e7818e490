import { eventsOf, startLesson } from '@lessons/kit/testing';
import type { llm } from '@livekit/agents';
import { describe, expect, it } from 'vitest';
import * as agentModule from './agent.js';
import script from './script.js';

const lesson = { agentModule, script };

const userMessages = (run: Awaited<ReturnType<typeof startLesson>>) =>
  run.session.history.items.filter((i): i is llm.ChatMessage => i.type === 'message' && i.role === 'user');

/** Type one line and wait for the agent to go quiet. */
async function type(run: Awaited<ReturnType<typeof startLesson>>, text: string) {
  run.typeLine(text);
  await run.quiet();
}

describe.concurrent('turn-context: onUserTurnCompleted edits the turn before the model sees it', () => {
  it('injects retrieved context into the chat context the model is given', async () => {
    const run = await startLesson(lesson);
    await run.quiet();
    await type(run, 'How long does a refund take?');
    const asked = run.model.requests.at(-1)!;
    expect(asked.kind).toBe('user');
    expect(asked.systemTexts).toContain(`Help-centre note: ${agentModule.lookUp('refund')}`);
    expect(eventsOf(run.events, 'message').at(-1)!.text).toContain('5 business days');

    // Without a match nothing is injected, and the model says it has nothing to go on. The earlier
    // note is gone too: turnCtx is a copy, so what the hook adds serves that one reply only.
    await type(run, 'What is your favourite colour?');
    expect(run.model.requests.at(-1)!.systemTexts.filter((s) => s.startsWith('Help-centre note'))).toEqual(
      [],
    );
    expect(eventsOf(run.events, 'message').at(-1)!.text).toContain('no help-centre note');
    expect(run.session.history.items.some((i) => i.type === 'message' && i.role === 'system')).toBe(false);
    await run.close();
  });

  it('redacts the message before it is stored or sent to the model', async () => {
    const run = await startLesson(lesson);
    await run.quiet();
    await type(run, 'My card is 4242 4242 4242 4242, can you check the refund?');
    const stored = userMessages(run);
    expect(stored.map((m) => m.textContent)).toEqual(['My card is [card number], can you check the refund?']);
    expect(run.model.requests.at(-1)!.userTexts.join(' ')).not.toMatch(/4242/);
    expect(JSON.stringify(run.events.filter((e) => e.type !== 'input' && e.type !== 'hook'))).not.toMatch(
      /4242/,
    );
    await run.close();
  });

  it('cancels the reply with StopResponse: no assistant message, no model call', async () => {
    const run = await startLesson(lesson);
    await run.quiet();
    const before = { requests: run.model.requests.length, messages: eventsOf(run.events, 'message').length };
    await type(run, 'never mind');
    expect(eventsOf(run.events, 'hook_end').at(-1)).toMatchObject({
      hook: 'onUserTurnCompleted',
      result: 'stop_response',
    });
    expect(run.model.requests).toHaveLength(before.requests);
    expect(eventsOf(run.events, 'message')).toHaveLength(before.messages);
    await run.close();
  });

  it('is skipped by session.run({ userInput }): the pitfall this lesson warns about', async () => {
    const run = await startLesson(lesson);
    await run.quiet();
    const result = await run.session.run({ userInput: 'My card is 4242 4242 4242 4242' }).wait();
    result.expect.nextEvent().isMessage({ role: 'assistant' });
    // No hook ran, so the card number went to the model and into the history.
    expect(run.events.some((e) => e.type === 'hook' && e.hook === 'onUserTurnCompleted')).toBe(false);
    expect(run.model.requests.at(-1)!.userTexts.at(-1)).toBe('My card is 4242 4242 4242 4242');
    const stored = userMessages(run);
    expect(stored.map((m) => m.textContent)).toEqual(['My card is 4242 4242 4242 4242']);
    await run.close();
  });
});
