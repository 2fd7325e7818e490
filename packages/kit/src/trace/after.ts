// What a job runs after its call (defineAgent's onSessionEnd, ctx.addShutdownCallback), traced
// without touching the lesson's code: each step reports an `after` event when it has finished.
import type { JobContext } from '@livekit/agents';
import type { EventSink } from './events.js';

/** Wrap `job.addShutdownCallback` so that each callback, when it runs, reports to `sink`. */
export function traceShutdownCallbacks(job: JobContext, sink: EventSink): void {
  const add = job.addShutdownCallback.bind(job);
  job.addShutdownCallback = (callback) => {
    const name = callback.name || 'anonymous';
    add(async () => {
      try {
        await callback();
        sink({ type: 'after', step: 'shutdown_callback', name, result: 'ok' });
      } catch (error) {
        sink({ type: 'after', step: 'shutdown_callback', name, result: 'error' });
        throw error;
      }
    });
  };
}

/** A lesson's onSessionEnd (if any), reporting when it has run. */
export function tracedSessionEnd<Ctx>(
  onSessionEnd: ((ctx: Ctx) => unknown) | undefined,
  sink: () => EventSink | undefined,
): ((ctx: Ctx) => Promise<void>) | undefined {
  if (!onSessionEnd) return undefined;
  return async (ctx) => {
    try {
      await onSessionEnd(ctx);
      sink()?.({ type: 'after', step: 'onSessionEnd', name: 'onSessionEnd', result: 'ok' });
    } catch (error) {
      sink()?.({ type: 'after', step: 'onSessionEnd', name: 'onSessionEnd', result: 'error' });
      throw error;
    }
  };
}
