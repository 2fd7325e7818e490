// Live mode: the lesson's worker registered with your LiveKit server (LiveKit Cloud), on OpenAI.
import type { PlayOptions } from '../play.js';
import type { Reporter } from '../reporter.js';

export async function playLive(_options: PlayOptions, _reporter: Reporter): Promise<number> {
  process.stderr.write('error: --mode live is not ready yet.\n');
  return 1;
}
