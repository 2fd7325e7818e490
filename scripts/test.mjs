#!/usr/bin/env node
// @ts-check
// pnpm test: every test tier this machine can run (vitest.config.ts's projects, in order), in one
// vitest, after a line naming each tier it skips, why, and what to do. LESSON_REQUIRE_ROOM_TESTS=1
// or LESSON_REQUIRE_BROWSER=1 (.ci/run sets both) makes a missing server or browser a failure.
// Arguments go to vitest; with a file or name filter it is plain `vitest run <arguments>`, every
// project (a skipped need then says so loudly from the tests, as `pnpm test:<tier>` does).
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from '../packages/kit/bin/build.mjs';
import { builtKit } from './built-kit.mjs';
import { TIERS, planTiers } from './tiers.mjs';

const root = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);

if (args.includes('--help') || args.includes('-h')) {
  console.log(
    [
      'pnpm test [vitest arguments]: every test tier this machine can run, in one vitest run.',
      '',
      ...TIERS.map(({ name, what }) => `  ${`pnpm test:${name}`.padEnd(20)} ${what}`),
      '',
      'A tier that needs what this machine lacks is skipped, with a line saying so:',
      '  room, workshop: a livekit-server (LIVEKIT_SERVER_BIN, PATH or .cache/: pnpm server:install)',
      '  browser: a livekit-server and Chromium (LESSON_CHROMIUM, default /usr/bin/chromium)',
      '  LESSON_REQUIRE_ROOM_TESTS=1, LESSON_REQUIRE_BROWSER=1: a missing one is a failure (CI)',
      '  LESSON_SKIP_ROOM_TESTS=1, LESSON_SKIP_BROWSER=1: skip those tiers on purpose',
      'With a file or test-name filter (pnpm test <file>, -t <name>, --project <tier>), the',
      'arguments go to `vitest run` as they are, over every tier.',
    ].join('\n'),
  );
  process.exit(0);
}

const filtered = args.some((arg) => !arg.startsWith('-') || arg === '-t' || arg.startsWith('--project'));
/** @type {string[]} */
let projects = [];
if (!filtered) {
  // Colour only on a terminal, as the kit decides it for every command.
  const { pc } = await builtKit((await build()).outdir, 'term/colors');
  const plan = await planTiers();
  // Required and missing is a failure, with no tests run; otherwise a skipped tier is one line each.
  if (plan.missing.length) {
    for (const line of plan.missing) console.error(pc.red(`error: ${line}`));
    process.exit(1);
  }
  for (const { tier, why } of plan.skipped) console.log(pc.yellow(`skipping the ${tier} tier: ${why}`));
  console.log(`tiers: ${plan.run.join(', ')}`);
  projects = plan.run.flatMap((tier) => ['--project', tier]);
}

const child = spawn(join(root, 'node_modules', '.bin', 'vitest'), ['run', ...projects, ...args], {
  cwd: root,
  stdio: 'inherit',
});
// Ctrl+C reaches vitest from the terminal as it reaches this process (a second one would cut its
// teardown short); a SIGTERM or SIGHUP sent to this process alone is passed on.
process.on('SIGINT', () => {});
for (const signal of /** @type {const} */ (['SIGTERM', 'SIGHUP']))
  process.on(signal, () => child.kill(signal));
child.on('close', (code, signal) => process.exit(code ?? 128 + (signal ? constants.signals[signal] : 0)));
