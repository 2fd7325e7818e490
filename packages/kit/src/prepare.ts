// What a mode needs before the lesson starts, checked before the header is printed: a
// configuration error is then the only thing the learner sees, and the lesson's clock does not
// count a server build.
import { repoRoot } from './catalogue.js';
import { pc } from './colors.js';
import type { Mode } from './events.js';
import type { LiveSettings } from './live-probe.js';

export type Prepared =
  | { mode: 'offline' }
  | { mode: 'local'; binary: string; built: boolean }
  | { mode: 'live'; settings: LiveSettings }
  | { exitCode: number };

export async function prepareMode(mode: Mode, lessonName: string): Promise<Prepared> {
  const fail = (message: string) => {
    process.stderr.write(`${pc.red('error:')} ${message}\n`);
    return { exitCode: 1 };
  };
  if (mode === 'local') {
    const { findOrBuildServer } = await import('./room/server-build.js');
    const { ServerUnavailable } = await import('./room/server.js');
    try {
      const { binary, built } = await findOrBuildServer({
        rerun: `pnpm server:install, or pnpm lesson ${lessonName} --mode local again`,
      });
      return { mode, binary, built };
    } catch (error) {
      if (error instanceof ServerUnavailable) return fail(error.message);
      throw error;
    }
  }
  if (mode === 'live') {
    // Loaded only here: offline mode starts without the server SDK.
    const { liveSettings } = await import('./live-probe.js');
    const settings = await liveSettings(repoRoot(), lessonName);
    return 'problem' in settings ? fail(settings.problem) : { mode, settings };
  }
  return { mode: 'offline' };
}
