// `pnpm run doctor`'s live check against a real LiveKit server (the room tier's shared local
// livekit-server): the right key pair accepted, a wrong secret refused, neither printed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { checkLive } from './doctor-live.js';

const SECRETS = { LIVEKIT_API_SECRET: 'doctor-test-secret-7f3a9c', OPENAI_API_KEY: 'sk-doctor-test-0c1d' };

const dirs: string[] = [];
/** An empty "repository": no .env.local. */
function emptyRoot(): string {
  const dir = mkdtempSync(join(tmpdir(), 'doctor-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('the live check against a real LiveKit server', { timeout: 30_000 }, () => {
  const server = inject('livekitServer');
  const withServer = server ? it : it.skip;

  withServer('✓ with the right key pair; ✗ with a wrong secret, naming the fix', async () => {
    const env = { OPENAI_API_KEY: SECRETS.OPENAI_API_KEY, LIVEKIT_URL: ` ${server!.url} ` };
    const right = await checkLive(emptyRoot(), {
      ...env,
      LIVEKIT_API_KEY: server!.apiKey,
      LIVEKIT_API_SECRET: server!.apiSecret,
    });
    expect(right).toMatchObject({
      status: 'ok',
      label: expect.stringMatching(/a LiveKit server that accepts them/),
    });
    const wrong = await checkLive(emptyRoot(), {
      ...env,
      LIVEKIT_API_KEY: server!.apiKey,
      LIVEKIT_API_SECRET: SECRETS.LIVEKIT_API_SECRET,
    });
    expect(wrong).toMatchObject({
      status: 'fail',
      label: 'live mode: LIVEKIT_URL refused LIVEKIT_API_KEY and LIVEKIT_API_SECRET (HTTP 401)',
      fix: expect.stringMatching(/copy the key pair again/),
    });
    const text = JSON.stringify([right, wrong]);
    for (const value of [server!.apiKey, server!.apiSecret, SECRETS.LIVEKIT_API_SECRET]) {
      expect(text).not.toContain(value);
    }
  });
});
