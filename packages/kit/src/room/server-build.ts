// Building livekit-server on first use, as the learner sees it: the cost said before it starts,
// one progress line, a clean line break after it, and Ctrl+C answered with what happened.
import { pc } from '../term/colors.js';
import { STOP_SIGNALS, signalName } from '../term/signals.js';
import { SERVER_MODULE, ServerUnavailable, ensureServer, findServer, goAvailable } from './server.js';

/** Measured on an empty Go cache (248 s, about 1 GB): say it before the learner waits it. */
export const BUILD_COST = 'about 4 minutes and about 1 GB of Go build cache, once';

export interface Built {
  binary: string;
  /** True when this run built it: the lesson's clock then starts after the build. */
  built: boolean;
}

/**
 * Find livekit-server, or build it with progress on `out` (stderr for a lesson, so --json stays
 * clean). Ctrl+C during the build ends the process with exit 130 and a line saying what to do.
 */
export async function findOrBuildServer({
  out = process.stderr,
  rerun,
}: {
  out?: NodeJS.WriteStream;
  /** The command that would build it again, for the Ctrl+C line. */
  rerun: string;
}): Promise<Built> {
  const found = findServer();
  if (found) return { binary: found, built: false };
  if (!goAvailable()) return { binary: await ensureServer(), built: false }; // throws the help
  out.write(`No livekit-server found: building it from ${SERVER_MODULE} with go install (${BUILD_COST})…\n`);
  const started = Date.now();
  const live = Boolean(out.isTTY);
  let packages = 0;
  let onLine = false; // a progress line without its line break is on the terminal
  const stop = new AbortController();
  const interrupted = (signal: NodeJS.Signals) => {
    stop.abort();
    out.write(
      `${onLine ? '\n' : ''}${signalName(signal)}: the livekit-server build stopped after ${Math.round((Date.now() - started) / 1000)} s. ` +
        `What Go compiled so far stays in its cache; to finish: ${rerun}\n`,
    );
    // The build ends (below) once go and what it started have let go of our pipes, and its work
    // folder is gone: only then this process. Exiting at once, a compiler still running could
    // write into the folder after the exit's clean-up (seen under load). A go that will not stop
    // is killed on exit after 5 s.
    setTimeout(() => process.exit(130), 5000);
  };
  // Ctrl+C, SIGTERM or a closed terminal: go stops (the abort), then this process.
  for (const signal of STOP_SIGNALS) process.once(signal, interrupted);
  try {
    const binary = await ensureServer((line) => {
      packages += 1;
      const status = `  ${Math.round((Date.now() - started) / 1000)} s, ${packages} packages: ${line}`;
      if (live) {
        out.write(`\r\x1b[K${pc.dim(status.slice(0, (out.columns || 100) - 1))}`);
        onLine = true;
      } else if (packages % 50 === 0) out.write(`${status}\n`);
    }, stop.signal);
    out.write(
      `${onLine ? '\r\x1b[K' : ''}livekit-server built in ${Math.round((Date.now() - started) / 1000)} s: ${binary}\n`,
    );
    return { binary, built: true };
  } catch (error) {
    if (stop.signal.aborted) process.exit(130);
    if (onLine) out.write('\n');
    throw error instanceof ServerUnavailable
      ? error
      : new ServerUnavailable(String((error as Error).message));
  } finally {
    for (const signal of STOP_SIGNALS) process.removeListener(signal, interrupted);
  }
}
