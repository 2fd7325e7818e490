// `pnpm lesson <name> --web --mode live` on a shared server: the page (on this machine's
// loopback) gets a room on the shared server named for the learner, and the learner's own agent
// is dispatched into it; Ctrl+C ends it all. (LiveKit's hosted frontends need wss://: for a ws://
// server on the room's network, the kit's page is the way in.)
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { RoomServiceClient } from 'livekit-server-sdk';
import { describe, expect, inject, it } from 'vitest';
import { repoRoot } from '../lesson/catalogue.js';
import { AGENT_NAME_ATTRIBUTE } from './agent-wait.js';
import { learnerLessonArgs } from './learner-id.js';

const server = inject('livekitServer');

describe.skipIf(!server)('--web --mode live on a shared server', () => {
  it(
    "serves the page joined to the learner's room there, with the learner's own agent",
    { timeout: 120_000 },
    async () => {
      const learner = `web-${randomBytes(3).toString('hex')}`;
      const clean = { ...process.env };
      for (const name of [
        'LIVEKIT_URL',
        'LIVEKIT_API_KEY',
        'LIVEKIT_API_SECRET',
        'OPENAI_API_KEY',
        'LESSON_JOB',
      ])
        delete clean[name];
      const child = spawn(
        'node',
        ['packages/kit/bin/lesson.mjs', ...learnerLessonArgs('greeting', learner), '--web'],
        {
          cwd: repoRoot(),
          stdio: ['ignore', 'pipe', 'pipe'],
          env: {
            ...clean,
            NO_COLOR: '1',
            LIVEKIT_URL: server!.url,
            LIVEKIT_API_KEY: server!.apiKey,
            LIVEKIT_API_SECRET: server!.apiSecret,
          },
        },
      );
      let output = '';
      child.stdout!.on('data', (d) => (output += d));
      child.stderr!.on('data', (d) => (output += d));
      const code = new Promise<number | null>((resolve) => child.on('close', resolve));
      try {
        const address = () => /^\s*(http:\/\/127\.0\.0\.1:\d+\/)\s*$/m.exec(output)?.[1];
        for (const deadline = Date.now() + 90_000; !address();) {
          if (Date.now() > deadline || child.exitCode !== null)
            throw new Error(`no address printed:\n${output}`);
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        const post = async (path: string, body: object = {}) =>
          (await fetch(new URL(path, address()), { method: 'POST', body: JSON.stringify(body) })).json();
        const room = (await post('/api/room')) as { url: string; roomName: string };
        expect(room.url).toBe(server!.url);
        expect(room.roomName).toMatch(new RegExp(`^${learner}\\.greeting\\.`));
        // The page's room comes with the agent dispatched into it (web/playground-server.ts).
        const rooms = new RoomServiceClient(server!.httpUrl, server!.apiKey, server!.apiSecret);
        let agent: string | undefined;
        for (const deadline = Date.now() + 60_000; !agent && Date.now() < deadline;) {
          const people = await rooms.listParticipants(room.roomName).catch(() => []);
          agent = people.map((p) => p.attributes?.[AGENT_NAME_ATTRIBUTE]).find(Boolean);
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
        expect(agent).toMatch(new RegExp(`^${learner}\\.greeting\\.`));
        expect(`${agent}.`).toBe(room.roomName.replace(/\d+$/, ''));
      } finally {
        child.kill('SIGINT');
      }
      expect(await code).toBe(130);
      expect(output).not.toMatch(/\n\s+at /);
    },
  );
});
