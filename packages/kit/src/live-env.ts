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

/** What is missing for live mode, by name (values are never read out). */
export function missingLiveVariables(env: NodeJS.ProcessEnv): string[] {
  return LIVE_VARIABLES.filter((name) => !env[name]?.trim());
}
