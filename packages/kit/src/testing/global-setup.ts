// vitest global setup of the tiers that need a livekit-server (room, browser, faults, workshop:
// vitest.config.ts): compile the lessons (a worker's job processes load JavaScript), and start
// one livekit-server for the tests of a group (vitest's groupOrder: the tiers of a group share
// it; today each tier is a group of its own, one after another). With no server binary they are skipped,
// loudly; with LESSON_REQUIRE_ROOM_TESTS=1 (as .ci/run sets) that is a failure instead.
// LESSON_SKIP_ROOM_TESTS=1 skips them on purpose (nested runs such as --check set it), and wins
// over LESSON_REQUIRE_ROOM_TESTS.
import type { TestProject } from 'vitest/node';
import { build } from '../../bin/build.mjs';
import { NO_SERVER_HELP, ServerUnavailable, findServer, startServer } from '../room/server.js';

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
  // A LIVEKIT_SERVER_BIN that is not an executable file is no server either, said as such.
  let unusable: string | undefined;
  let binary: string | undefined;
  try {
    binary = skipped ? undefined : findServer();
  } catch (error) {
    if (!(error instanceof ServerUnavailable)) throw error;
    unusable = error.message;
  }
  if (!binary) {
    const why = skipped
      ? 'ROOM TESTS SKIPPED: LESSON_SKIP_ROOM_TESTS is set.'
      : `ROOM TESTS SKIPPED: ${unusable ?? 'no livekit-server binary.'} Run pnpm server:install, or set LIVEKIT_SERVER_BIN.`;
    // Required (CI) and none to be had is a failure; skipped on purpose (a nested run: --check, the
    // cheats test) is not, whatever the parent required.
    if (process.env.LESSON_REQUIRE_ROOM_TESTS && !skipped) throw new Error(`${why}\n${NO_SERVER_HELP}`);
    // Once a run, however many of its projects find no server.
    const warned = globalThis as { [WARNED]?: boolean };
    if (!warned[WARNED]) console.warn(`\n${'!'.repeat(100)}\n${why}\n${'!'.repeat(100)}\n`);
    warned[WARNED] = true;
    project.provide('livekitServer', null);
    return;
  }
  // vitest loads this file once per project (each in a module runner of its own), so the servers
  // shared between projects are kept on globalThis, counted, and stopped by the last project's teardown.
  const group = project.config.sequence.groupOrder ?? 0;
  const shared = ((globalThis as { [SERVERS]?: Map<number, Shared> })[SERVERS] ??= new Map());
  let entry = shared.get(group);
  if (!entry) shared.set(group, (entry = { server: startServer(binary), users: 0 }));
  entry.users += 1;
  const server = await entry.server;
  const { url, httpUrl, apiKey, apiSecret } = server;
  project.provide('livekitServer', { url, httpUrl, apiKey, apiSecret });
  const users = entry;
  return async () => {
    users.users -= 1;
    if (users.users === 0) {
      shared.delete(group);
      await server.stop();
    }
  };
}

const SERVERS = Symbol.for('lessons.testing.livekitServers');
const WARNED = Symbol.for('lessons.testing.noServerWarned');
interface Shared {
  server: ReturnType<typeof startServer>;
  users: number;
}
