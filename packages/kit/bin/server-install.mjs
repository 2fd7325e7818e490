#!/usr/bin/env node
// pnpm server:install: find a livekit-server, or build one from its Go module into .cache/.
import { build } from './build.mjs';
import { supervise } from './supervise.mjs';

await supervise(import.meta.filename); // `go install` ends with this command

const { outdir } = await build();
const { ensureServer, findServer, ServerUnavailable, SERVER_MODULE } = await import(
  `${outdir}/packages/kit/src/room/server.mjs`
);
const found = findServer();
if (found) {
  console.log(`livekit-server: ${found}`);
  process.exit(0);
}
console.log(
  `Building livekit-server from ${SERVER_MODULE} with go install (a first build takes a few minutes)…`,
);
const started = Date.now();
let packages = 0;
try {
  const binary = await ensureServer((line) => {
    packages += 1;
    const status = `  ${Math.round((Date.now() - started) / 1000)}s, ${packages} packages compiled: ${line}`;
    if (process.stdout.isTTY) process.stdout.write(`\r\x1b[K${status.slice(0, process.stdout.columns - 1)}`);
    else if (packages % 100 === 0) console.log(status);
  });
  if (process.stdout.isTTY) process.stdout.write('\r\x1b[K');
  console.log(`livekit-server: ${binary} (built in ${Math.round((Date.now() - started) / 1000)} s)`);
} catch (error) {
  if (error instanceof ServerUnavailable) {
    console.error(`error: ${error.message}`);
    process.exit(1);
  }
  throw error;
}
