// A learner's id on a shared server: what tells thirty laptops' agents and rooms apart. It comes
// from --learner, else LESSON_LEARNER, else the user and host names; it goes into the agent name
// and the room names, so it must be something LiveKit takes in both and a person can read.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname, userInfo } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../lesson/catalogue.js';

export const LEARNER_ENV = 'LESSON_LEARNER';
export const MAX_LEARNER_ID = 32;
const ALLOWED = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;
export const LEARNER_RULE = `1 to ${MAX_LEARNER_ID} lowercase letters, digits and hyphens, starting and ending with a letter or digit`;

/** Any text made into an id: lowercased, every run of other characters one hyphen, cut to length. */
export function cleanLearnerId(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, MAX_LEARNER_ID)
    .replace(/^-+|-+$/g, '');
}

/** The default: `<user>-<host>`, stable across runs on one laptop and different between laptops. */
export function defaultLearnerId(user = safeUser(), host = hostname()): string {
  const short = host.split('.')[0] ?? host;
  return cleanLearnerId(`${user}-${short}`) || 'learner';
}

/**
 * The `pnpm lesson` arguments of a learner's run on a shared server with the stand-in model (no
 * keys needed): the workshop's own command, which the workshop test and bench run too.
 */
export function learnerLessonArgs(lesson: string, learner: string): string[] {
  return [lesson, '--mode', 'live', '--model', 'stand-in', '--learner', learner];
}

function safeUser(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? process.env.USERNAME ?? 'learner';
  }
}

export type LearnerChoice = { id: string; from: 'flag' | 'environment' | 'default' } | { problem: string };

/** The learner's id from the flag, the environment or the default; a problem names what is allowed. */
export function chooseLearnerId(
  flag: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): LearnerChoice {
  const given = flag ?? env[LEARNER_ENV];
  if (given === undefined || (flag === undefined && !given.trim()))
    return { id: defaultLearnerId(), from: 'default' };
  const where = flag !== undefined ? '--learner' : LEARNER_ENV;
  if (!ALLOWED.test(given) || given.length > MAX_LEARNER_ID) {
    const close = cleanLearnerId(given);
    return {
      problem:
        `${where} must be ${LEARNER_RULE}.` +
        (close ? ` Try: --learner ${close}` : ' For example: --learner ada-7'),
    };
  }
  return { id: given, from: flag !== undefined ? 'flag' : 'environment' };
}

/** A learner's worker registers under this name: learner and lesson readable, a run of its own. */
export function learnerAgentName(learner: string, lesson: string, run: string): string {
  return `${learner}.${lesson}.${run}`;
}

export const MACHINE_ENV = 'LESSON_MACHINE_ID';

/**
 * Which laptop this is, for the one-id-one-laptop check: made once per checkout (git-ignored
 * .cache/workshop-machine-id), because host names repeat in a room of identical laptops.
 * LESSON_MACHINE_ID overrides it (the tests play two laptops on one machine so).
 */
export function machineId(env: NodeJS.ProcessEnv = process.env): string {
  if (env[MACHINE_ENV]?.trim()) return env[MACHINE_ENV].trim();
  const file = join(repoRoot(), '.cache', 'workshop-machine-id');
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    const id = randomBytes(8).toString('hex');
    try {
      mkdirSync(join(repoRoot(), '.cache'), { recursive: true });
      writeFileSync(file, `${id}\n`, { flag: 'wx' });
    } catch {
      // another run wrote it first (or the folder is read-only): read theirs, else use ours
      return readFileSync(file, 'utf8').trim() || id;
    }
    return id;
  }
}
