// @ts-check
// The test tiers (vitest.config.ts's projects, in the order they run) and which of them this
// machine can run: `pnpm test` (scripts/test.mjs) runs those, `pnpm bench` times each.
import { existsSync } from 'node:fs';
import { build } from '../packages/kit/bin/build.mjs';
import { builtKit } from './built-kit.mjs';

/** @typedef {'offline' | 'faults' | 'room' | 'browser' | 'workshop'} Tier */

/** @type {{ name: Tier, what: string }[]} */
export const TIERS = [
  { name: 'offline', what: 'in-process tests, nothing needed (the default)' },
  { name: 'faults', what: 'the commands as real processes (their room stages need a livekit-server)' },
  { name: 'room', what: 'real rooms on a local livekit-server' },
  { name: 'browser', what: 'the docs site and the playground in Chromium (and a livekit-server)' },
  { name: 'workshop', what: 'the crowd: ten learners on one server, alone, last' },
];

/**
 * @typedef {{
 *   run: Tier[],
 *   skipped: { tier: Tier, why: string }[],
 *   missing: string[],
 * }} Plan
 * `skipped`: a tier this machine cannot run, or one skipped on purpose, and why (with what to do);
 * `missing`: what a LESSON_REQUIRE_* variable demands and this machine lacks (a failure).
 */

/**
 * Which tiers this machine can run: a livekit-server found as the kit finds it (LIVEKIT_SERVER_BIN,
 * PATH, the repo's .cache) for room, browser and workshop; Chromium (LESSON_CHROMIUM, else
 * /usr/bin/chromium) too for browser. LESSON_SKIP_ROOM_TESTS and LESSON_SKIP_BROWSER skip on purpose.
 *
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {Promise<Plan>}
 */
export async function planTiers(env = process.env) {
  /** @type {Plan} */
  const plan = { run: ['offline', 'faults'], skipped: [], missing: [] };
  /** @param {Tier} tier @param {string} why */
  const skip = (tier, why) => plan.skipped.push({ tier, why });

  /** @type {string | undefined} why there is no server to use, if there is none */
  let noServer;
  if (env.LESSON_SKIP_ROOM_TESTS) noServer = 'LESSON_SKIP_ROOM_TESTS is set';
  else {
    const { outdir } = await build();
    const { findServer, ServerUnavailable } = await builtKit(outdir, 'room/server');
    try {
      if (!findServer(env)) noServer = 'no livekit-server (pnpm server:install, or set LIVEKIT_SERVER_BIN)';
    } catch (error) {
      if (!(error instanceof ServerUnavailable)) throw error;
      noServer = `${error.message.replace(/\.$/, '')} (pnpm server:install, or set LIVEKIT_SERVER_BIN)`;
    }
    if (noServer && env.LESSON_REQUIRE_ROOM_TESTS)
      plan.missing.push(`LESSON_REQUIRE_ROOM_TESTS is set, but: ${noServer}`);
  }
  if (noServer) {
    skip('room', noServer);
    skip('workshop', noServer);
  } else plan.run.push('room');

  const chromium = env.LESSON_CHROMIUM || '/usr/bin/chromium';
  if (env.LESSON_SKIP_BROWSER) skip('browser', 'LESSON_SKIP_BROWSER is set');
  else {
    const hasChromium = existsSync(chromium);
    const noBrowser = hasChromium
      ? noServer && `it needs a livekit-server as well: ${noServer}`
      : `no Chromium at ${chromium} (apt-get install chromium, or set LESSON_CHROMIUM)`;
    if (noBrowser) {
      skip('browser', noBrowser);
      // Required, unless the room tests are skipped on purpose (a skip on purpose wins, as in the tests).
      const onPurpose = hasChromium && env.LESSON_SKIP_ROOM_TESTS;
      if (env.LESSON_REQUIRE_BROWSER && !onPurpose)
        plan.missing.push(`LESSON_REQUIRE_BROWSER is set, but: ${noBrowser}`);
    } else plan.run.push('browser');
  }
  if (!noServer) plan.run.push('workshop');
  return plan;
}
