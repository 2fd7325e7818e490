import { eventsOf, playTurns, startLesson } from '@lessons/kit/testing';
import { describe, expect, it } from 'vitest';
import * as agentModule from './agent.js';
import script from './script.js';

const lesson = { agentModule, script };
const [waits, hasty, framework] = script.scenes!;
const GOODBYE = 'Glad I could help. Your prescription will be ready at four. Goodbye, and take care!';

describe.concurrent('end-call: let the goodbye play out, then end the call', () => {
  it.each(script.scenes!.map((scene) => [scene.title, scene] as const))(
    "each line answers the phone first, by the caller's name (%s)",
    async (_title, scene) => {
      const { events } = await playTurns(await startLesson(lesson, { scene, user: 'Grace' }), scene.turns);
      const onEnterAt = events.findIndex((e) => e.type === 'hook' && e.hook === 'onEnter');
      const messages = eventsOf(events, 'message');
      const answerAt = events.indexOf(messages[0]!);
      const firstTurnAt = events.findIndex((e) => e.type === 'message' && e.role === 'user');
      expect(onEnterAt).toBeGreaterThan(-1);
      expect(onEnterAt).toBeLessThan(answerAt);
      expect(messages[0]!.role).toBe('assistant');
      expect(messages[0]!.interrupted).toBeFalsy(); // heard whole: the caller waits for it
      expect(messages[0]!.text).toContain('Grace');
      expect(answerAt).toBeLessThan(firstTurnAt); // spoken before the caller says a word
      expect(eventsOf(events, 'hook').map((h) => h.hook)).toEqual(['onEnter']);
    },
  );

  it('end_call waits: the whole goodbye is produced before the room is deleted and the session closes', async () => {
    const { events } = await playTurns(await startLesson(lesson, { scene: waits }), waits!.turns);
    expect(eventsOf(events, 'tool').map((t) => t.name)).toEqual(['end_call']);
    const toolAt = events.findIndex((e) => e.type === 'tool');
    const goodbyeAt = events.findIndex((e) => e.type === 'message' && e.text === GOODBYE);
    const deleteAt = events.findIndex((e) => e.type === 'job' && e.call === 'deleteRoom');
    const closeAt = events.findIndex((e) => e.type === 'close');
    expect(toolAt).toBeGreaterThan(-1);
    expect(toolAt).toBeLessThan(goodbyeAt); // the tool started while the goodbye was still playing
    expect(goodbyeAt).toBeLessThan(deleteAt); // and ended the call only after it
    expect(deleteAt).toBeLessThan(closeAt);
    expect(eventsOf(events, 'message').some((m) => m.interrupted)).toBe(false);
    expect(eventsOf(events, 'close')).toEqual([expect.objectContaining({ reason: 'user_initiated' })]);
  });

  it('without the wait, the goodbye is cut off', async () => {
    const { events } = await playTurns(await startLesson(lesson, { scene: hasty }), hasty!.turns);
    const goodbye = eventsOf(events, 'message').at(-1)!;
    expect(goodbye.role).toBe('assistant');
    expect(goodbye.interrupted).toBe(true);
    expect(GOODBYE.startsWith(goodbye.text)).toBe(true);
    expect(goodbye.text.length).toBeLessThan(GOODBYE.length);
  });

  it('beta.createEndCallTool: the goodbye is a reply to the tool output, then the room is deleted', async () => {
    const run = await playTurns(await startLesson(lesson, { scene: framework }), framework!.turns);
    const { events } = run;
    expect(eventsOf(events, 'tool_end')).toEqual([
      expect.objectContaining({ name: 'end_call', output: 'say goodbye to the caller' }),
    ]);
    expect(run.model.requests.at(-1)).toMatchObject({ kind: 'tool_output' });
    const goodbyeAt = events.findIndex((e) => e.type === 'message' && e.text === GOODBYE);
    const closeAt = events.findIndex((e) => e.type === 'close');
    expect(goodbyeAt).toBeGreaterThan(events.findIndex((e) => e.type === 'tool_end'));
    expect(goodbyeAt).toBeLessThan(closeAt);
    expect(eventsOf(events, 'job').map((j) => j.call)).toEqual(['shutdown', 'deleteRoom']);
  });

  it('inside the tool, ctx.waitForPlayout() waits for the goodbye; the tool is called in the same reply (RunResult)', async () => {
    const run = await startLesson(lesson);
    await run.quiet();
    // Inside the job, as in a real worker, so the tool's getJobContext() finds it.
    const result = await run.inJob(() => run.session.run({ userInput: 'Bye!' }).wait());
    result.expect.containsMessage({ role: 'assistant' });
    result.expect.containsFunctionCall({ name: 'end_call' });
    await run.close();
    expect(eventsOf(run.events, 'job').map((j) => j.call)).toEqual(['deleteRoom']);
  });
});
