// Every pair of choices a mode makes (where the room is × which model speaks) runs
// `pnpm lesson greeting` as a process, scripted: exit 0, the header naming both choices, and the
// --user name in the greeting. The local livekit-server of the test run stands in for the
// learner's LiveKit project (live mode), and a local OpenAI-compatible stub for OpenAI.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { repoRoot } from '../lesson/catalogue.js';
import { type OpenAIStub, startOpenAIStub } from '../testing/openai-stub.js';

const server = inject('livekitServer');
const NAME = 'Grace';
let stub: OpenAIStub;

beforeAll(async () => {
  stub = await startOpenAIStub();
});
afterAll(() => stub?.close());

/** The environment without anything of the developer's that picks a mode, a key or a server. */
function cleanEnv(extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  for (const name of Object.keys(env)) {
    if (/^(LIVEKIT_(URL|API_KEY|API_SECRET)|OPENAI_|LESSON_JOB$)/.test(name)) delete env[name];
  }
  return { ...env, ...extra };
}

function lesson(args: string[], env: NodeJS.ProcessEnv, nodeArgs: string[] = []) {
  const child = spawn(
    'node',
    [...nodeArgs, 'packages/kit/bin/lesson.mjs', 'greeting', '--user', NAME, ...args],
    { cwd: repoRoot(), stdio: ['ignore', 'pipe', 'pipe'], env: cleanEnv(env) },
  );
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  return new Promise<{ code: number | null; out: string }>((resolve) =>
    child.on('close', (code) => resolve({ code, out })),
  );
}

const openaiEnv = () => ({ OPENAI_API_KEY: 'sk-test-not-a-real-key', OPENAI_BASE_URL: stub.baseURL });
const liveEnv = () => ({
  LIVEKIT_URL: server!.url,
  LIVEKIT_API_KEY: server!.apiKey,
  LIVEKIT_API_SECRET: server!.apiSecret,
});

const ROOM = {
  none: 'Room: none (offline: no server, no network).',
  local: 'Room: a livekit-server on this machine, loopback only.',
  remote: 'Room: your LiveKit server (LIVEKIT_URL).',
};
const MODEL = {
  'stand-in': 'Model: offline stand-in (scripted, not an AI).',
  openai: 'Model: OpenAI (gpt-4o-mini, its STT and TTS).',
};

function expectRan(
  { code, out }: { code: number | null; out: string },
  room: keyof typeof ROOM,
  model: keyof typeof MODEL,
) {
  expect(code, out).toBe(0);
  expect(out).toContain(`${ROOM[room]} ${MODEL[model]}`);
  // The agent's first words greet the learner by the --user name, whoever speaks them.
  const greeting = /^\s*[\d.]+s\s+Greeter\s+(.*)$/m.exec(out)?.[1];
  expect(greeting, out).toContain(NAME);
  if (model === 'openai') expect(greeting).toMatch(/^Stub reply to: .*Greet Grace/);
  else expect(greeting).toMatch(/^Hi Grace/);
  expect(out).not.toMatch(/\n\s+at |session closed: error/);
}

describe('offline mode', { timeout: 60_000 }, () => {
  it('offline + stand-in: the name in the greeting, the header names both choices', async () => {
    const run = await lesson([], openaiEnv());
    expectRan(run, 'none', 'stand-in');
  });

  it('makes no network connection, with OPENAI_API_KEY and LIVEKIT_* set', async () => {
    // A listening socket as the "server" every variable points at, recording who connects…
    const connections: string[] = [];
    const listener = createServer((socket) => {
      connections.push(`${socket.remoteAddress}:${socket.remotePort}`);
      socket.destroy();
    });
    await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
    const port = (listener.address() as { port: number }).port;
    // …and a preload in the lesson's process that records every TCP connection and fetch it starts.
    const dir = mkdtempSync(join(tmpdir(), 'lessons-no-network-'));
    const record = join(dir, 'attempts.log');
    const preload = join(dir, 'no-network.mjs');
    writeFileSync(record, '');
    writeFileSync(
      preload,
      `import net from 'node:net';
import { appendFileSync } from 'node:fs';
const note = (what) => appendFileSync(${JSON.stringify(record)}, what + '\\n');
const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  const options = typeof args[0] === 'object' && args[0] !== null ? args[0] : { port: args[0] };
  if (options.port !== undefined || (Array.isArray(args[0]) && args[0][0]?.port)) note('connect ' + JSON.stringify(options.port ?? args[0][0].port));
  return connect.apply(this, args);
};
const fetch = globalThis.fetch;
globalThis.fetch = (input, init) => { note('fetch ' + String(input)); return fetch(input, init); };
`,
    );
    const url = `ws://127.0.0.1:${port}`;
    try {
      const run = await lesson(
        ['--json'],
        {
          LIVEKIT_URL: url,
          LIVEKIT_API_KEY: 'APIrecorded',
          LIVEKIT_API_SECRET: 'recorded-secret',
          OPENAI_API_KEY: 'sk-recorded',
          OPENAI_BASE_URL: `http://127.0.0.1:${port}/v1`,
        },
        ['--import', preload],
      );
      expect(run.code, run.out).toBe(0);
      const start = JSON.parse(run.out.split('\n')[0]!);
      expect(start).toMatchObject({ type: 'start', mode: 'offline', room: 'none', modelChoice: 'stand-in' });
      expect(run.out).toContain(NAME);
      expect(readFileSync(record, 'utf8')).toBe('');
      expect(connections).toEqual([]);
    } finally {
      listener.close();
    }
  });

  it('offline with --model openai: refused, with the modes that can (exit 2)', async () => {
    const { code, out } = await lesson(['--model', 'openai'], openaiEnv());
    expect(code).toBe(2);
    expect(out.trim()).toMatch(/^error: offline mode has no network, so its model is always the stand-in/);
  });

  it('--model openai without OPENAI_API_KEY: exit 1, naming what to set', async () => {
    const { code, out } = await lesson(['--mode', 'local', '--model', 'openai'], {});
    expect(code).toBe(1);
    expect(out.trim()).toMatch(/^error: --model openai needs OPENAI_API_KEY: set it in the environment/);
    expect(out.trim().split('\n')).toHaveLength(1);
  });
});

// One room lesson at a time: each starts a worker and its job processes on a shared 2-core box.
describe.skipIf(!server)('in a room, every pair', { timeout: 120_000 }, () => {
  it('local + stand-in', async () => {
    stub.calls.length = 0;
    expectRan(await lesson(['--mode', 'local'], openaiEnv()), 'local', 'stand-in');
    expect(stub.calls).toEqual([]); // a key in the shell does not change the choice
  });

  it('local + openai', async () => {
    stub.calls.length = 0;
    expectRan(await lesson(['--mode', 'local', '--model', 'openai'], openaiEnv()), 'local', 'openai');
    expect(stub.calls).toContain('POST /v1/chat/completions');
  });

  it('local + openai, OpenAI unreachable: the session error ends the lesson with exit 1 and a line', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as { port: number }).port;
    await new Promise((resolve) => closed.close(resolve));
    const { code, out } = await lesson(['--mode', 'local', '--model', 'openai'], {
      OPENAI_API_KEY: 'sk-test-not-a-real-key',
      OPENAI_BASE_URL: `http://127.0.0.1:${port}/v1`,
    });
    expect(out).toContain('session closed: error');
    expect(code, out).toBe(1);
    expect(out).toMatch(/\nerror: the agent's session closed with an error: check OPENAI_API_KEY/);
    expect(out).not.toMatch(/\n\s+at /);
  });

  it('live + stand-in (no OpenAI key needed), with a line to join from another frontend', async () => {
    const run = await lesson(['--mode', 'live', '--model', 'stand-in'], liveEnv());
    expectRan(run, 'remote', 'stand-in');
    expect(run.out).toMatch(
      // The room is named for the learner (the default id: user and host names) and the lesson.
      /To join room [a-z0-9-]+\.greeting\.\d+-[0-9a-f]+\.1 from another LiveKit frontend: server ws:\/\/127\.0\.0\.1:\d+, token \S+/,
    );
    expect(run.out).toContain("LiveKit's hosted frontends need wss://");
    expect(run.out).not.toContain(server!.apiSecret);
  });

  it('live + openai (the default for live)', async () => {
    stub.calls.length = 0;
    const run = await lesson(['--mode', 'live'], { ...liveEnv(), ...openaiEnv() });
    expectRan(run, 'remote', 'openai');
    expect(stub.calls).toContain('POST /v1/chat/completions');
    expect(stub.calls).toContain('POST /v1/audio/speech');
    expect(run.out).not.toContain('sk-test-not-a-real-key');
  });
});
