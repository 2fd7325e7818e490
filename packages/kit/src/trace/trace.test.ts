// Hooks a lesson's agent class inherits from a base class of its own (end-call's three lines share
// the one that answers the phone) run, and are traced as the class the session runs.
import { voice } from '@livekit/agents';
import { describe, expect, it } from 'vitest';
import { defineScript } from '../lesson/script.js';
import { eventsOf, startLesson } from '../testing/index.js';

/** A lesson's own base class whose onEnter greets the user with `greeting`. */
function greetingBase(greeting: string) {
  return class Answering extends voice.Agent<{ userName: string }> {
    override async onEnter(): Promise<void> {
      this.session.say(`${greeting} ${this.session.userData.userName}`);
    }
  };
}
/** Its base class not exported by the "lesson module" below, as a lesson's own need not be. */
class Line extends greetingBase('Hello') {
  constructor() {
    super({ instructions: 'a line' });
  }
}
/** Its base class exported too: the hook is still traced once per call. */
const Base = greetingBase('Welcome');
class Derived extends Base {
  constructor() {
    super({ instructions: 'derived' });
  }
}

const scriptFor = (agent: () => voice.Agent<{ userName: string }>) =>
  defineScript<{ userName: string }>({
    agent,
    userData: (userName) => ({ userName }),
    turns: [],
    replies: [],
  });

describe('tracing inherited hooks', { timeout: 20_000 }, () => {
  it.each([
    ['from a base class the module does not export', { Line }, () => new Line(), 'Hello Ada', 'Line'],
    ['from an exported base class', { Derived, Base }, () => new Derived(), 'Welcome Ada', 'Derived'],
  ] as const)('an onEnter inherited %s runs, traced once', async (_how, agentModule, agent, said, name) => {
    const run = await startLesson({ agentModule, script: scriptFor(agent) }, { user: 'Ada' });
    await run.quiet();
    await run.close();
    expect(eventsOf(run.events, 'hook')).toEqual([expect.objectContaining({ hook: 'onEnter', agent: name })]);
    expect(eventsOf(run.events, 'message').map((m) => m.text)).toEqual([said]);
  });
});
