// Is LIVEKIT_URL a LiveKit server that takes this key pair? One authenticated request to its
// room API (ListRooms), as live mode's worker would make: a wrong secret gets 401, a web server
// that is not LiveKit answers something else. Shared by the doctor and live mode.
import { AccessToken } from 'livekit-server-sdk';
import { liveEnvironment, missingLiveVariables, readLiveUrl } from './live-env.js';

export type Probe =
  | { result: 'ok' }
  | { result: 'refused'; status: number }
  | { result: 'not_livekit'; detail: string }
  | { result: 'no_answer' };

export async function probeLiveKit(
  httpUrl: string,
  apiKey: string,
  apiSecret: string,
  timeoutMs: number,
): Promise<Probe> {
  const token = new AccessToken(apiKey, apiSecret, { ttl: '1m' });
  token.addGrant({ roomList: true });
  const endpoint = new URL('twirp/livekit.RoomService/ListRooms', httpUrl.replace(/\/?$/, '/'));
  let response: Response;
  try {
    response = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await token.toJwt()}` },
      body: '{}',
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'manual',
    });
  } catch {
    return { result: 'no_answer' };
  }
  const body = await response.text().catch(() => '');
  if (response.status === 401 || response.status === 403)
    return { result: 'refused', status: response.status };
  if (response.ok) {
    // A LiveKit server answers ListRooms with a JSON object (`{}` or `{"rooms":[…]}`).
    try {
      const parsed = JSON.parse(body) as unknown;
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return { result: 'ok' };
    } catch {
      // not JSON: not LiveKit
    }
    return { result: 'not_livekit', detail: 'it answered, but not as a LiveKit server does' };
  }
  return { result: 'not_livekit', detail: `HTTP ${response.status} from its room API` };
}

export interface LiveSettings {
  /** The environment with .env.local filled in. */
  env: NodeJS.ProcessEnv;
  wsUrl: string;
  httpUrl: string;
  /** Host and port only: what may be printed. */
  host: string;
  apiKey: string;
  apiSecret: string;
}

/**
 * What live mode needs, checked before anything is printed: the variables, the URL, and a LiveKit
 * server there that takes the key pair. A problem is one line naming what to fix, never a value.
 */
export async function liveSettings(
  root: string,
  lessonName: string,
  { openai = true, timeoutMs = 5000 }: { openai?: boolean; timeoutMs?: number } = {},
): Promise<LiveSettings | { problem: string }> {
  const env = liveEnvironment(root).values;
  const missing = missingLiveVariables(env, openai);
  if (missing.length) {
    return {
      problem:
        `--mode live needs ${missing.join(', ')}: set ${missing.length > 1 ? 'them' : 'it'} in the ` +
        'environment or in .env.local (copy .env.example). Without keys: pnpm lesson ' +
        `${lessonName} (offline) or --mode local${openai ? '; your server with the stand-in: --model stand-in' : ''}.`,
    };
  }
  const url = readLiveUrl(env.LIVEKIT_URL);
  if (!url.ok) return { problem: `${url.problem}: ${url.fix}.` };
  const [apiKey, apiSecret] = [env.LIVEKIT_API_KEY!.trim(), env.LIVEKIT_API_SECRET!.trim()];
  const probe = await probeLiveKit(url.httpUrl, apiKey, apiSecret, timeoutMs);
  const problem = {
    ok: undefined,
    no_answer:
      `cannot reach LIVEKIT_URL (${url.host}). Check the URL and your network; ` +
      `offline, use pnpm lesson ${lessonName} or --mode local.`,
    refused:
      `LIVEKIT_URL (${url.host}) refused LIVEKIT_API_KEY and LIVEKIT_API_SECRET: copy the key pair ` +
      'again from your project (LiveKit Cloud: Settings > Keys).',
    not_livekit:
      `LIVEKIT_URL (${url.host}) is not a LiveKit server: set it to your project's URL, ` +
      'which looks like wss://<project>.livekit.cloud.',
  }[probe.result];
  if (problem) return { problem };
  return { env, wsUrl: url.wsUrl, httpUrl: url.httpUrl, host: url.host, apiKey, apiSecret };
}
