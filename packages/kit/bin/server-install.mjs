#!/usr/bin/env node
// pnpm server:install: find a livekit-server, or build one from its Go module into .cache/.
import { build } from './build.mjs';
import { supervise } from './supervise.mjs';

await supervise(import.meta.filename); // `go install` ends with this command

const { outdir } = await build();
const { ServerUnavailable } = await import(`${outdir}/packages/kit/src/room/server.mjs`);
const { findOrBuildServer } = await import(`${outdir}/packages/kit/src/room/server-build.mjs`);
try {
  const { binary, built } = await findOrBuildServer({ out: process.stdout, rerun: 'pnpm server:install' });
  if (!built) console.log(`livekit-server: ${binary}`);
} catch (error) {
  if (error instanceof ServerUnavailable) {
    console.error(`error: ${error.message}`);
    process.exit(1);
  }
  throw error;
}
