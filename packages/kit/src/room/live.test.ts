// Live mode cannot reach OpenAI here, so its wiring is tested against a local OpenAI-compatible
// stub: the real plugin's requests must carry the lesson's instructions, tools and hook edits.
import { spawnLessonProcess } from '../testing/processes.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as endCall from '../../../../examples/end-call/src/agent.js';
import endCallScript from '../../../../examples/end-call/src/script.js';
import * as greeting from '../../../../examples/greeting/src/agent.js';
import greetingScript from '../../../../examples/greeting/src/script.js';
import * as turnContext from '../../../../examples/turn-context/src/agent.js';
import turnContextScript from '../../../../examples/turn-context/src/script.js';
import { lessonModels } from '../standin/models.js';
import { startLesson } from '../testing/index.js';
import { liveEnvironment, missingLiveVariables } from './live-env.js';
import { passJobSettings } from '../lesson/modes.js';
import { type OpenAIStub, messageText as text, startOpenAIStub } from '../testing/openai-stub.js';

let stub: OpenAIStub;
const saved = { ...process.env };

beforeAll(async () => {
  stub = await startOpenAIStub();
  // As the room runner hands it to a job: OpenAI, with the stub as its server.
  delete process.env.OPENAI_API_KEY;
  passJobSettings({
    model: 'openai',
    agentModule: '',
    openai: { apiKey: 'sk-test-not-a-real-key', baseURL: stub.baseURL },
  });
});

afterAll(async () => {
  process.env = saved;
  await stub.close();
});

/** A lesson's offline session, but on the LLM that live mode builds: OpenAI's plugin. */
async function startOnPlugin<U>(
  agentModule: Record<string, unknown>,
  script: Parameters<typeof lessonModels<U>>[0],
) {
  const models = await lessonModels(script);
  expect(models.llm?.constructor.name).toBe('LLM');
  expect((models.llm as { provider?: string }).provider ?? '').not.toBe('offline');
  return startLesson({ agentModule, script }, { llm: models.llm as never });
}

/** The requests the model got for `lines`, typed one by one once the lesson's greeting is done. */
async function requestsFor<U>(
  agentModule: Record<string, unknown>,
  script: Parameters<typeof lessonModels<U>>[0],
  lines: string[],
) {
  const run = await startOnPlugin(agentModule, script);
  await run.quiet();
  stub.chats.length = 0;
  for (const line of lines) {
    run.typeLine(line);
    await run.quiet();
  }
  await run.close();
  return stub.chats;
}

describe('live mode wiring, against a local OpenAI-compatible stub', { timeout: 30_000 }, () => {
  it("sends onEnter's generateReply instructions with the agent's own", async () => {
    stub.chats.length = 0;
    const run = await startOnPlugin(greeting, greetingScript);
    await run.quiet();
    await run.close();
    const system = text(stub.chats[0]!.messages.find((m) => m.role === 'system')!.content);
    expect(system).toContain('You are a friendly customer service representative.');
    expect(system).toContain('Greet Ada personally and offer your assistance.');
    expect(stub.chats[0]!.model).toBe('gpt-4o-mini');
  });

  it('sends what onUserTurnCompleted injected and redacted, and nothing it cancelled', async () => {
    const chats = await requestsFor(turnContext, turnContextScript, [
      'My card is 4242 4242 4242 4242, how long does a refund take?',
      'never mind',
    ]);
    expect(chats).toHaveLength(1); // StopResponse: no request for "never mind"
    const messages = chats[0]!.messages.map((m) => `${m.role}: ${text(m.content)}`);
    expect(messages).toContain(`system: Help-centre note: ${turnContext.lookUp('refund')}`);
    expect(messages).toContain('user: My card is [card number], how long does a refund take?');
    expect(JSON.stringify(chats)).not.toContain('4242');
  });

  it('sends the end_call tool to the model', async () => {
    const chats = await requestsFor(endCall, endCallScript, ['Is my prescription ready?']);
    expect(chats[0]!.tools?.map((t) => t.function.name)).toEqual(['end_call']);
    expect(text(chats[0]!.messages[0]!.content)).toContain('pharmacy phone line');
  });
});

describe('live mode set-up', { timeout: 30_000 }, () => {
  it('names exactly the variables that are missing', () => {
    expect(missingLiveVariables({ LIVEKIT_URL: 'wss://x', OPENAI_API_KEY: 'k' })).toEqual([
      'LIVEKIT_API_KEY',
      'LIVEKIT_API_SECRET',
    ]);
    expect(liveEnvironment('/nonexistent', { LIVEKIT_URL: 'wss://x' }).values.LIVEKIT_URL).toBe('wss://x');
  });

  it('exits 1 naming what to set, without echoing a secret', async () => {
    const secret = 'do-not-print-this-secret-value';
    const env = { ...saved, NO_COLOR: '1', LIVEKIT_API_SECRET: secret } as NodeJS.ProcessEnv;
    for (const name of ['LIVEKIT_URL', 'LIVEKIT_API_KEY', 'OPENAI_API_KEY', 'OPENAI_BASE_URL', 'LESSON_JOB'])
      delete env[name];
    const run = spawnLessonProcess(['greeting', '--mode', 'live'], {}, env);
    const code = await run.exited;
    const out = run.output();
    expect(code).toBe(1);
    expect(out).toMatch(/error: --mode live needs LIVEKIT_URL, LIVEKIT_API_KEY, OPENAI_API_KEY: set them/);
    expect(out).not.toContain(secret);
    expect(out).not.toMatch(/\n\s+at /);
  });
});
