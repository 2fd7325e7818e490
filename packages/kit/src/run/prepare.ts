// What a mode needs before the lesson starts, checked before the header is printed: a
// configuration error is then the only thing the learner sees, and the lesson's clock does not
// count a server build.
import { repoRoot } from '../lesson/catalogue.js';
import { pc } from '../term/colors.js';
import { liveEnvironment } from '../room/live-env.js';
import type { LiveSettings } from '../room/live-probe.js';
import type { JobSettings, LessonMode } from '../lesson/modes.js';
import type { LearnerDesk } from '../workshop/live-desk.js';

/** OpenAI's key (and another compatible server, if OPENAI_BASE_URL names one), for --model openai. */
export type OpenAISettings = NonNullable<JobSettings['openai']>;

export type Prepared =
  | { room: 'none' }
  | { room: 'local'; mode: LessonMode; binary: string; built: boolean; openai?: OpenAISettings }
  | {
      room: 'remote';
      mode: LessonMode;
      settings: LiveSettings;
      openai?: OpenAISettings;
      /** On a shared server: the learner's claimed id (workshop/live-desk.ts). */
      learnerDesk?: LearnerDesk;
    }
  | { exitCode: number };

export type PreparedRoom = Exclude<Prepared, { room: 'none' } | { exitCode: number }>;

export async function prepareMode(
  mode: LessonMode,
  lessonName: string,
  seat?: { learner: string; takeOver: boolean },
): Promise<Prepared> {
  const fail = (message: string) => {
    process.stderr.write(`${pc.red('error:')} ${message}\n`);
    return { exitCode: 1 };
  };
  // Offline never reads a key, whatever the environment holds: it does not touch the network.
  if (mode.room === 'none') return { room: 'none' };
  let openai: OpenAISettings | undefined;
  if (mode.model === 'openai') {
    const env = liveEnvironment(repoRoot()).values;
    const apiKey = env.OPENAI_API_KEY?.trim();
    // Live mode names every missing variable at once, below.
    if (!apiKey && mode.room === 'local') {
      return fail(
        '--model openai needs OPENAI_API_KEY: set it in the environment or in .env.local (copy ' +
          `.env.example). Without a key: pnpm lesson ${lessonName} --mode local (the stand-in).`,
      );
    }
    const baseURL = env.OPENAI_BASE_URL?.trim() || undefined;
    if (apiKey) openai = { apiKey, ...(baseURL && { baseURL }) };
  }
  if (mode.room === 'local') {
    const { findOrBuildServer } = await import('../room/server-build.js');
    const { ServerUnavailable } = await import('../room/server.js');
    try {
      const { binary, built } = await findOrBuildServer({
        rerun: `pnpm server:install, or pnpm lesson ${lessonName} --mode local again`,
      });
      return { room: 'local', mode, binary, built, openai };
    } catch (error) {
      if (error instanceof ServerUnavailable) return fail(error.message);
      throw error;
    }
  }
  // Loaded only here: offline mode starts without the server SDK.
  const { liveSettings } = await import('../room/live-probe.js');
  const settings = await liveSettings(repoRoot(), lessonName, { openai: mode.model === 'openai' });
  if ('problem' in settings) return fail(settings.problem);
  if (!seat) return { room: 'remote', mode, settings, openai };
  // A shared server: the learner's id is claimed before anything registers under it.
  const { claimLearnerDesk } = await import('../workshop/live-desk.js');
  const claim = await claimLearnerDesk(settings, { lesson: lessonName, ...seat });
  return 'refused' in claim
    ? fail(claim.refused)
    : { room: 'remote', mode, settings, openai, learnerDesk: claim };
}
