// Faults a room lesson would otherwise meet in silence: the agent's job process dies (the room
// notices only after ~20 s, and the lesson then ended with exit 0), or livekit-server stops
// answering (suspended with Ctrl+Z or SIGSTOP: the lesson hung for minutes without a word).
import type { AgentServer } from '@livekit/agents';
import type { Learner } from './learner.js';

const EVERY_MS = 500;
/** A job process that has gone while its job had not ended: after this grace, a crash. */
const JOB_GRACE_MS = 2000;
/** The server has not answered its health check for this long: it is not coming back. */
const SERVER_SILENCE_MS = 10_000;

export function watchRoomLesson({
  worker,
  httpUrl,
  learner,
  fail,
}: {
  worker: AgentServer;
  httpUrl: string;
  /** The learner now (a new one each scene). */
  learner: () => Learner | undefined;
  fail: (message: string) => void;
}): () => void {
  let jobsSeen = 0;
  let jobsGoneAt: number | undefined;
  let answeredAt = performance.now();
  let asking = false;
  const timer = setInterval(() => {
    const now = performance.now();
    const current = learner();
    if (worker.activeJobs.length > 0) {
      jobsSeen = worker.activeJobs.length;
      jobsGoneAt = undefined;
    } else if (jobsSeen > 0) {
      jobsGoneAt ??= now;
      const inCall = current?.room.isConnected && !current.jobEnded;
      if (!inCall) jobsSeen = 0;
      else if (now - jobsGoneAt > JOB_GRACE_MS)
        fail(
          "the agent's job process ended before its job did (it crashed, or was killed): the lesson " +
            'cannot go on. Run it again; LESSON_LOG_LEVEL=debug shows the job process log.',
        );
    }
    if (!asking) {
      asking = true;
      void fetch(httpUrl, { signal: AbortSignal.timeout(2000) })
        .then(
          () => (answeredAt = performance.now()),
          () => {},
        )
        .finally(() => (asking = false));
    }
    if (now - answeredAt > SERVER_SILENCE_MS)
      fail(
        `livekit-server has not answered for ${Math.round((now - answeredAt) / 1000)} s (suspended with ` +
          'Ctrl+Z or SIGSTOP, or the machine is overloaded): the lesson cannot go on.',
      );
  }, EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
