// What live mode reads: four variables, from the environment or .env.local (LiveKit's convention).
// Kept apart from the live runner so the doctor can check them without loading the framework.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnv } from 'node:util';

export const LIVE_VARIABLES = [
  'LIVEKIT_URL',
  'LIVEKIT_API_KEY',
  'LIVEKIT_API_SECRET',
  'OPENAI_API_KEY',
] as const;

/** The environment, with the repository's .env.local filling what it does not set; and which came from the file. */
export function liveEnvironment(
  root: string,
  env: NodeJS.ProcessEnv = process.env,
): { values: NodeJS.ProcessEnv; fromFile: Set<string> } {
  const file = join(root, '.env.local');
  let local: NodeJS.ProcessEnv = {};
  try {
    local = existsSync(file) ? parseEnv(readFileSync(file, 'utf8')) : {};
  } catch {
    local = {};
  }
  const fromFile = new Set(Object.keys(local).filter((name) => !env[name]?.trim() && local[name]?.trim()));
  return { values: { ...local, ...env }, fromFile };
}

/** What is missing for live mode, by name (values are never read out); OPENAI_API_KEY only for OpenAI. */
export function missingLiveVariables(env: NodeJS.ProcessEnv, openai = true): string[] {
  return LIVE_VARIABLES.filter((name) => (openai || name !== 'OPENAI_API_KEY') && !env[name]?.trim());
}

/** The host .env.example puts in LIVEKIT_URL, for the learner to replace. */
export const PLACEHOLDER_HOST = 'your-project.livekit.cloud';

export type LiveUrl =
  { ok: true; wsUrl: string; httpUrl: string; host: string } | { ok: false; problem: string; fix: string };

const URL_FIX = "set LIVEKIT_URL to your project's URL, which looks like wss://<project>.livekit.cloud";

/**
 * LIVEKIT_URL as live mode and the doctor both read it: trimmed, a ws(s) or http(s) URL, not the
 * placeholder. A problem names the variable and never quotes the value (it may hold credentials).
 */
export function readLiveUrl(raw: string | undefined): LiveUrl {
  const text = raw?.trim() ?? '';
  if (!text) return { ok: false, problem: 'LIVEKIT_URL is not set', fix: URL_FIX };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, problem: 'LIVEKIT_URL is not a URL', fix: URL_FIX };
  }
  if (!['ws:', 'wss:', 'http:', 'https:'].includes(url.protocol)) {
    return {
      ok: false,
      problem: 'LIVEKIT_URL must start with wss:// (or ws://, https://, http://)',
      fix: URL_FIX,
    };
  }
  if (url.hostname === PLACEHOLDER_HOST) {
    return { ok: false, problem: 'LIVEKIT_URL is still the placeholder from .env.example', fix: URL_FIX };
  }
  // Credentials in the URL are not how LiveKit authenticates (the key pair is): drop them.
  url.username = '';
  url.password = '';
  const secure = url.protocol === 'wss:' || url.protocol === 'https:';
  const rest = url.href.slice(url.protocol.length).replace(/\/$/, '');
  return {
    ok: true,
    wsUrl: `${secure ? 'wss' : 'ws'}:${rest}`,
    httpUrl: `${secure ? 'https' : 'http'}:${rest}`,
    host: url.host,
  };
}
