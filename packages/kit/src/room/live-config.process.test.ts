// `pnpm lesson <name> --mode live` with a configuration that cannot work: exit 1, one line naming
// the variable and the fix, printed before anything else (no header, no "started … for Ada"),
// and no credential in the output, LESSON_DEBUG=1 included.
import { type Server, createServer } from 'node:http';
import { spawnLessonProcess } from '../testing/processes.js';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

const server = inject('livekitServer');
const SECRET = 'lesson-test-secret-never-printed-4f2a';
const KEY = 'APIlessonTestKey9';
const PASSWORD = 'hunter2-url-password';
let web: Server;
let webUrl: string;

beforeAll(async () => {
  web = createServer((_req, res) => res.end('<html>not LiveKit</html>'));
  await new Promise<void>((resolve) => web.listen(0, '127.0.0.1', resolve));
  webUrl = `http://127.0.0.1:${(web.address() as { port: number }).port}`;
});
afterAll(() => web?.close());

function live(env: NodeJS.ProcessEnv): Promise<{ code: number | null; out: string }> {
  const clean = { ...process.env };
  for (const name of ['LIVEKIT_URL', 'LIVEKIT_API_KEY', 'LIVEKIT_API_SECRET', 'OPENAI_API_KEY', 'LESSON_JOB'])
    delete clean[name];
  const run = spawnLessonProcess(
    ['greeting', '--mode', 'live'],
    { LESSON_DEBUG: '1', OPENAI_API_KEY: 'sk-test-1234', ...env },
    clean,
  );
  return run.exited.then((code) => ({ code, out: run.output() }));
}

function expectOneClearLine(out: string, message: RegExp) {
  expect(out).toMatch(message);
  expect(out.trim().split('\n')).toHaveLength(1); // no header, no "started greeting for Ada"
  expect(out).not.toMatch(/\n\s+at |started greeting/);
  for (const value of [SECRET, KEY, PASSWORD]) expect(out).not.toContain(value);
}

describe.concurrent('--mode live with a configuration that cannot work', { timeout: 60_000 }, () => {
  it('a LIVEKIT_URL that is not a URL: names the variable (not "Invalid URL")', async () => {
    const { code, out } = await live({
      LIVEKIT_URL: `wss://me:${PASSWORD}@ not a host`,
      LIVEKIT_API_KEY: KEY,
      LIVEKIT_API_SECRET: SECRET,
    });
    expect(code).toBe(1);
    expectOneClearLine(out, /^error: LIVEKIT_URL is not a URL: set LIVEKIT_URL to your project's URL/);
  });

  it(".env.example's placeholder", async () => {
    const { code, out } = await live({
      LIVEKIT_URL: 'wss://your-project.livekit.cloud',
      LIVEKIT_API_KEY: KEY,
      LIVEKIT_API_SECRET: SECRET,
    });
    expect(code).toBe(1);
    expectOneClearLine(out, /^error: LIVEKIT_URL is still the placeholder from \.env\.example/);
  });

  it('a URL that is not a LiveKit server, with credentials in it', async () => {
    const { code, out } = await live({
      LIVEKIT_URL: webUrl.replace('http://', `http://me:${PASSWORD}@`),
      LIVEKIT_API_KEY: KEY,
      LIVEKIT_API_SECRET: SECRET,
    });
    expect(code).toBe(1);
    expectOneClearLine(out, /^error: LIVEKIT_URL \(127\.0\.0\.1:\d+\) is not a LiveKit server/);
  });

  it.skipIf(!server)('a LiveKit server, and a wrong secret', async () => {
    const { code, out } = await live({
      LIVEKIT_URL: server!.url,
      LIVEKIT_API_KEY: server!.apiKey,
      LIVEKIT_API_SECRET: SECRET,
    });
    expect(code).toBe(1);
    expectOneClearLine(
      out,
      /^error: LIVEKIT_URL \(127\.0\.0\.1:\d+\) refused LIVEKIT_API_KEY and LIVEKIT_API_SECRET/,
    );
    expect(out).not.toContain(server!.apiKey);
  });
});
