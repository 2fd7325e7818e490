// The doctor's live-mode check: the four variables, LIVEKIT_URL read as live mode reads it, and
// one authenticated request to the server there. Never a value in a label or a fix.
import type { Check } from './doctor-report.js';
import { LIVE_VARIABLES, liveEnvironment, missingLiveVariables, readLiveUrl } from '../room/live-env.js';
import { type Probe, probeLiveKit } from '../room/live-probe.js';

/** How long LIVEKIT_URL has to answer. */
export const LIVE_URL_TIMEOUT_MS = 3000;

/**
 * Live mode: the four variables set (their names only, never their values), LIVEKIT_URL a URL and
 * not the placeholder, and a LiveKit server there that accepts the key pair.
 */
export async function checkLive(
  root: string,
  env: NodeJS.ProcessEnv,
  timeoutMs = LIVE_URL_TIMEOUT_MS,
): Promise<Check> {
  const { values, fromFile } = liveEnvironment(root, env);
  const missing = missingLiveVariables(values);
  if (missing.length === LIVE_VARIABLES.length) {
    return {
      label: 'live mode: not configured (optional: offline and local mode need no keys)',
      status: 'warn',
      fix: `for --mode live, set ${LIVE_VARIABLES.join(', ')} in .env.local at the repository root`,
      essential: false,
    };
  }
  // The placeholder from .env.example (or any URL that cannot work) is wrong, not "set".
  const url = readLiveUrl(values.LIVEKIT_URL);
  if (!url.ok && !missing.includes('LIVEKIT_URL')) {
    const also = missing.length ? `; ${missing.join(', ')} not set either` : '';
    return { label: `live mode: ${url.problem}${also}`, status: 'fail', fix: url.fix, essential: false };
  }
  if (missing.length || !url.ok) {
    return {
      label: `live mode: ${missing.join(', ')} not set`,
      status: 'warn',
      fix: `set ${missing.join(', ')} in the environment or in .env.local (the others are set)`,
      essential: false,
    };
  }
  const where =
    fromFile.size === 0
      ? 'the environment'
      : fromFile.size === 4
        ? '.env.local'
        : 'the environment and .env.local';
  const probe = await probeLiveKit(
    url.httpUrl,
    values.LIVEKIT_API_KEY!.trim(),
    values.LIVEKIT_API_SECRET!.trim(),
    timeoutMs,
  );
  return liveVerdict(probe, where, timeoutMs);
}

/** What the probe of LIVEKIT_URL with the key pair means for live mode (never a value). */
function liveVerdict(probe: Probe, where: string, timeoutMs: number): Check {
  switch (probe.result) {
    case 'ok':
      return {
        label: `live mode: keys set (in ${where}), and LIVEKIT_URL is a LiveKit server that accepts them`,
        status: 'ok',
        essential: false,
      };
    case 'refused':
      return {
        label: `live mode: LIVEKIT_URL refused LIVEKIT_API_KEY and LIVEKIT_API_SECRET (HTTP ${probe.status})`,
        status: 'fail',
        fix: 'copy the key pair again from your project (LiveKit Cloud: Settings > Keys); both must be from the project LIVEKIT_URL names',
        essential: false,
      };
    case 'not_livekit':
      return {
        label: `live mode: LIVEKIT_URL is not a LiveKit server (${probe.detail})`,
        status: 'fail',
        fix: "set LIVEKIT_URL to your project's URL, which looks like wss://<project>.livekit.cloud",
        essential: false,
      };
    case 'no_answer':
      return {
        label: `live mode: keys set (in ${where}), but LIVEKIT_URL did not answer within ${timeoutMs / 1000} s`,
        status: 'warn',
        fix: 'check the URL and the network (offline and local mode do not need either)',
        essential: false,
      };
  }
}
