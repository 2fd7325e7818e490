// The stand-in follows the learner: reword a hook's generateReply instructions (the first thing
// anyone tries) and the reply still carries what the instructions asked for (the name, the
// reason, the notes), from a scripted line or from the stand-in's own rendering that quotes them.
import { voice } from '@livekit/agents';
import { afterEach, describe, expect, it } from 'vitest';
import * as endCall from '../../../../examples/end-call/src/agent.js';
import endCallScript from '../../../../examples/end-call/src/script.js';
import * as farewell from '../../../../examples/farewell/src/agent.js';
import farewellScript from '../../../../examples/farewell/src/script.js';
import * as greeting from '../../../../examples/greeting/src/agent.js';
import greetingScript from '../../../../examples/greeting/src/script.js';
import * as shutdown from '../../../../examples/shutdown-vs-delete/src/agent.js';
import shutdownScript from '../../../../examples/shutdown-vs-delete/src/script.js';
import * as turnContext from '../../../../examples/turn-context/src/agent.js';
import turnContextScript from '../../../../examples/turn-context/src/script.js';
import type { LessonScript, Scene } from '../lesson/script.js';
import { eventsOf, playTurns, startLesson } from '../testing/index.js';

const USER = 'Grace';
const NOTES = 'Hi, where do I park? / I was charged twice for my March invoice.';

/** Each lesson with hooks that ask for a reply, and the facts those instructions may carry. */
const LESSONS: {
  name: string;
  lesson: { agentModule: object; script: unknown };
  facts: string[];
  scene?: unknown;
  /** The user's turns: none where the hooks that ask for a reply run before the user speaks. */
  turns?: string[];
}[] = [
  { name: 'greeting', lesson: { agentModule: greeting, script: greetingScript }, facts: [USER], turns: [] },
  {
    name: 'farewell',
    lesson: { agentModule: farewell, script: farewellScript },
    facts: [USER, 'double charge on an invoice', NOTES],
  },
  { name: 'turn-context', lesson: { agentModule: turnContext, script: turnContextScript }, facts: [USER] },
  {
    name: 'shutdown-vs-delete',
    lesson: { agentModule: shutdown, script: shutdownScript },
    facts: [USER],
    scene: shutdownScript.scenes![0],
    turns: [],
  },
  {
    name: 'end-call',
    lesson: { agentModule: endCall, script: endCallScript },
    facts: [USER],
    scene: endCallScript.scenes![0],
    turns: [],
  },
];

/** A fixed list of rewordings: each keeps the facts and changes everything else. */
const REWORDINGS: [string, (facts: string[], original: string) => string][] = [
  ['as written', (_facts, original) => original],
  ['a different sentence', (facts) => `Say hello to ${facts.join(', and mention ')}.`],
  ['facts first', (facts) => `${facts.join(' | ')}: that is what you know. Open the conversation.`],
  ['a numbered list', (facts) => `Begin warmly. Facts: ${facts.map((f, i) => `(${i + 1}) ${f}`).join(' ')}`],
  ['another language', (facts) => `Bitte begrüße freundlich: ${facts.join(' / ')}`],
];

const generateReply = voice.AgentSession.prototype.generateReply;
afterEach(() => {
  voice.AgentSession.prototype.generateReply = generateReply;
});

// Not concurrent: the rewording patches generateReply for the duration of one test.
describe.each(LESSONS)(
  '$name: reworded instructions keep what they asked for',
  ({ lesson, facts, scene, turns }) => {
    it.each(REWORDINGS)('%s', async (_how, reword) => {
      voice.AgentSession.prototype.generateReply = function (this: voice.AgentSession, options = {}) {
        const original = options.instructions;
        if (typeof original !== 'string') return generateReply.call(this, options);
        const carried = facts.filter((fact) => original.includes(fact));
        const instructions = carried.length ? reword(carried, original) : original;
        return generateReply.call(this, { ...options, instructions });
      };
      const script = lesson.script as LessonScript<unknown>;
      const run = await playTurns(
        await startLesson(
          { agentModule: lesson.agentModule as Record<string, unknown>, script },
          { user: USER, scene: scene as Scene<unknown> | undefined },
        ),
        turns ?? ((scene as Scene<unknown> | undefined) ?? script).turns,
      );
      const said = eventsOf(run.events, 'message')
        .filter((m) => m.role === 'assistant')
        .map((m) => m.text);
      const asked = run.model.requests.filter(
        (r) => r.kind === 'instructions' && facts.some((f) => r.asked.includes(f)),
      );
      expect(asked.length, 'a hook asked for a reply with facts in it').toBeGreaterThan(0);
      for (const request of asked) {
        for (const fact of facts.filter((f) => request.asked.includes(f))) {
          expect(request.said, `asked "${request.asked}"`).toContain(fact);
        }
        expect(said, 'the reply was spoken').toContain(request.said);
      }
    });
  },
);
