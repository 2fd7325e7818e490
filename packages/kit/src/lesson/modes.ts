// A mode is two choices, made here once: where the room is, and which model speaks. Every branch
// point (the CLI, the header, the checks before it, the room runners, the session's models) reads
// the value this module makes; job processes get the part they need as one serialised value.
import type { Mode } from '../trace/events.js';
import { OFFLINE_MODEL_LABEL } from './stand-in-label.js';

/** none: no room (offline); local: a livekit-server this process starts; remote: LIVEKIT_URL's. */
export type RoomChoice = 'none' | 'local' | 'remote';
export type ModelChoice = 'stand-in' | 'openai';

export const MODES: Mode[] = ['offline', 'local', 'live'];
export const MODEL_CHOICES: ModelChoice[] = ['stand-in', 'openai'];

export interface LessonMode {
  /** The name the learner typed (--mode). */
  name: Mode;
  room: RoomChoice;
  model: ModelChoice;
}

const ROOM_OF: Record<Mode, RoomChoice> = { offline: 'none', local: 'local', live: 'remote' };
const DEFAULT_MODEL: Record<Mode, ModelChoice> = { offline: 'stand-in', local: 'stand-in', live: 'openai' };

/**
 * The two choices for `--mode` and `--model` (both already checked to be valid names). Offline is
 * the stand-in whatever is asked or set: it never touches the network, so it cannot reach OpenAI.
 */
export function chooseMode(name: Mode, model?: ModelChoice): LessonMode | { problem: string } {
  if (name === 'offline' && model === 'openai') {
    return {
      problem:
        'offline mode has no network, so its model is always the stand-in. For OpenAI: ' +
        '--mode local --model openai (a room on this machine) or --mode live.',
    };
  }
  return { name, room: ROOM_OF[name], model: model ?? DEFAULT_MODEL[name] };
}

/** The flags that choose this mode again (for "Next: pnpm lesson …" lines). */
export function modeFlags(mode: LessonMode): string {
  const flags = mode.name === 'offline' ? [] : [`--mode ${mode.name}`];
  if (mode.model !== DEFAULT_MODEL[mode.name]) flags.push(`--model ${mode.model}`);
  return flags.join(' ');
}

export const OPENAI_MODEL = 'gpt-4o-mini';

/** What the header and the `start` event say about each choice. */
export function describeMode(mode: LessonMode): { room: string; model: string } {
  return {
    room: {
      none: 'none (offline: no server, no network)',
      local: 'a livekit-server on this machine, loopback only',
      remote: 'your LiveKit server (LIVEKIT_URL)',
    }[mode.room],
    model: mode.model === 'openai' ? `OpenAI (${OPENAI_MODEL}, its STT and TTS)` : OFFLINE_MODEL_LABEL,
  };
}

/**
 * What a lesson's job process needs from the runner that started its worker: which model speaks,
 * the lesson's compiled main, and where the trace goes once the room may be gone. Serialised once
 * into one variable, which
 * the framework's forked job processes inherit, and read once, by `readJobSettings`.
 */
export interface JobSettings {
  model: ModelChoice;
  agentModule: string;
  /**
   * The file (JSON lines) where the job writes its trace from the session's close on: what runs
   * after the call (onSessionEnd, shutdown callbacks) happens when the room may be gone.
   */
  traceFile?: string;
  /** For OpenAI: the key (from the environment or .env.local) and another compatible server, if any. */
  openai?: { apiKey: string; baseURL?: string };
}

export const JOB_SETTINGS_ENV = 'LESSON_JOB';

/** Put the job settings where the job processes the worker forks will find them. */
export function passJobSettings(settings: JobSettings, env: NodeJS.ProcessEnv = process.env): void {
  env[JOB_SETTINGS_ENV] = JSON.stringify(settings);
}

let cached: { raw: string | undefined; settings: JobSettings | undefined } | undefined;

/** The settings a runner passed, or undefined when main.ts runs without the kit's runner. */
export function readJobSettings(env: NodeJS.ProcessEnv = process.env): JobSettings | undefined {
  const raw = env[JOB_SETTINGS_ENV];
  if (!cached || cached.raw !== raw) {
    cached = { raw, settings: raw ? (JSON.parse(raw) as JobSettings) : undefined };
  }
  return cached.settings;
}
