// vitest global setup: compile the lessons (a worker's job processes load JavaScript), and start
// one livekit-server for every room test. With no server binary the room tests are skipped,
// loudly; with LESSON_REQUIRE_ROOM_TESTS=1 (as .ci/run sets) that is a failure instead.
// LESSON_SKIP_ROOM_TESTS=1 skips them on purpose (pnpm bench times the offline suite so; nested
// runs such as --check set it), and wins over LESSON_REQUIRE_ROOM_TESTS.
import type { TestProject } from 'vitest/node';
import { build } from '../../bin/build.mjs';
import { NO_SERVER_HELP, findServer, startServer } from '../room/server.js';

export interface ProvidedServer {
  url: string;
  httpUrl: string;
  apiKey: string;
  apiSecret: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    lessonsBuild: string;
    livekitServer: ProvidedServer | null;
  }
}

export default async function setup(project: TestProject) {
  const { outdir } = (await build()) as { outdir: string };
  project.provide('lessonsBuild', outdir);
  const skipped = Boolean(process.env.LESSON_SKIP_ROOM_TESTS);
  const binary = skipped ? undefined : findServer();
  if (!binary) {
    const why = skipped
      ? 'ROOM TESTS SKIPPED: LESSON_SKIP_ROOM_TESTS is set.'
      : 'ROOM TESTS SKIPPED: no livekit-server binary (run pnpm server:install, or set LIVEKIT_SERVER_BIN).';
    // Required (CI) and none to be had is a failure; skipped on purpose (a nested run: --check, the
    // cheats test, the bench's offline tier) is not, whatever the parent required.
    if (process.env.LESSON_REQUIRE_ROOM_TESTS && !skipped) throw new Error(`${why}\n${NO_SERVER_HELP}`);
    console.warn(`\n${'!'.repeat(100)}\n${why}\n${'!'.repeat(100)}\n`);
    project.provide('livekitServer', null);
    return;
  }
  const server = await startServer(binary);
  const { url, httpUrl, apiKey, apiSecret } = server;
  project.provide('livekitServer', { url, httpUrl, apiKey, apiSecret });
  return async () => server.stop();
}
