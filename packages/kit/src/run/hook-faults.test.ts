// A hook that never finishes, or throws: the learner is told, not left with a silent stall.
import { voice } from '@livekit/agents';
import { afterEach, describe, expect, it } from 'vitest';
import { defineScript } from '../lesson/script.js';
import { startLesson } from '../testing/index.js';
import { hookPatience } from '../trace/trace.js';

class Stuck extends voice.Agent {
  constructor() {
    super({ instructions: 'stuck' });
  }
  override async onEnter(): Promise<void> {
    await new Promise(() => {}); // awaits something that never comes
  }
}

class Broken extends voice.Agent {
  constructor() {
    super({ instructions: 'broken' });
  }
  override async onEnter(): Promise<void> {
    throw new Error('userData.userName is undefined');
  }
}

const scriptFor = (agent: () => voice.Agent) =>
  defineScript({ agent, userData: () => ({}), turns: [], replies: [] });

const saved = { ...hookPatience };
afterEach(() => Object.assign(hookPatience, saved));

describe('hooks that go wrong', { timeout: 20_000 }, () => {
  it('a hook that never resolves: "still waiting on Stuck.onEnter" while it waits, then a failure naming it', async () => {
    Object.assign(hookPatience, { noteEveryMs: 200, failAfterMs: 700 });
    const run = await startLesson({ agentModule: { Stuck }, script: scriptFor(() => new Stuck()) });
    const failed = () => run.events.find((e) => e.type === 'hook_end' && e.result === 'error');
    for (let i = 0; i < 100 && !failed(); i++) await new Promise((resolve) => setTimeout(resolve, 50));
    await run.close();
    const notes = run.events.filter((e) => e.type === 'note').map((e) => (e as { text: string }).text);
    expect(notes[0]).toMatch(/^still waiting on Stuck\.onEnter, \d+ s$/);
    expect(failed()).toMatchObject({
      hook: 'onEnter',
      agent: 'Stuck',
      error: expect.stringMatching(/^Stuck\.onEnter did not finish within \d+ s/),
    });
  });

  it('a hook that throws: its message in the trace', async () => {
    const run = await startLesson({ agentModule: { Broken }, script: scriptFor(() => new Broken()) });
    await run.quiet();
    await run.close();
    expect(run.events.find((e) => e.type === 'hook_end')).toMatchObject({
      hook: 'onEnter',
      result: 'error',
      error: 'userData.userName is undefined',
    });
  });
});
