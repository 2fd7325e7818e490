// @livekit/rtc-node logs at debug level to stdout unless NODE_ENV=production, and does not export
// its logger. Our stdout is the lesson's transcript (or its JSON stream), so we find that logger
// by its file, next to the package's CommonJS entry (the module the package's ESM entry
// re-exports, so it is the same instance), and lower it. LESSON_LOG_LEVEL=debug brings it back.
import { initializeLogger } from '@livekit/agents';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export function quietRtcLog(level = process.env.LESSON_LOG_LEVEL ?? 'silent'): void {
  const require = createRequire(import.meta.url);
  try {
    const { log } = require(join(dirname(require.resolve('@livekit/rtc-node')), 'log.cjs'));
    log.level = level;
  } catch {
    // A later rtc-node may move it; then its log shows, which is noisy but harmless.
  }
}

let frameworkLogReady = false;

/** The framework's logger, once per process: silent unless LESSON_LOG_LEVEL says otherwise. */
export function quietFrameworkLog(): void {
  if (frameworkLogReady) return;
  frameworkLogReady = true;
  initializeLogger({ pretty: false, level: (process.env.LESSON_LOG_LEVEL as 'warn') ?? 'silent' });
}

/** The framework's logger and rtc-node's (which a room loads), quiet. */
export function quietFrameworkLogs(): void {
  quietFrameworkLog();
  quietRtcLog();
}
