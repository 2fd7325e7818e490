// The agent worker the kit starts (local mode, live mode, tests, bench): registered under an agent
// name of its own, its health server on loopback, and always reporting itself free.
import { AgentServer, ServerOptions } from '@livekit/agents';
import { once } from 'node:events';
import { quietFrameworkLogs } from './quiet-rtc-log.js';
import { freePort } from './free-port.js';

/**
 * Why load 0: the worker reports the whole machine's CPU load every 2.5 s, even in dev mode where
 * its own threshold is Infinity and it calls itself available. livekit-server scores a worker as
 * `target_load (0.7) - load` and sends a job only to one scoring above 0; below that the job
 * request fails with "no servers available", logged at INFO and never retried. On a busy laptop
 * (or a 2-core container running a lesson) the load is often above 0.7, so about 1 dispatch in
 * 3-5 was lost. A lesson's worker serves one learner: it is never too busy for them.
 * Measured in the design notes ("Why dispatches get lost"); pinned by worker.room.test.ts.
 */
export const reportNoLoad = async (): Promise<number> => 0;

export interface WorkerTarget {
  url: string;
  apiKey: string;
  apiSecret: string;
}

export type WorkerOptions = ConstructorParameters<typeof ServerOptions>[0];

/** The options of every worker the kit starts; `extra` may add or override any of them. */
export async function lessonWorkerOptions(
  target: WorkerTarget,
  { agent, agentName, ...extra }: Partial<WorkerOptions> & Pick<WorkerOptions, 'agent' | 'agentName'>,
): Promise<WorkerOptions> {
  return {
    agent,
    agentName,
    wsURL: target.url,
    apiKey: target.apiKey,
    apiSecret: target.apiSecret,
    // Its health server: loopback and a free port, or two workers (tests, bench) collide on 8081.
    host: '127.0.0.1',
    port: await freePort(),
    loadFunc: reportNoLoad,
    // A job's process must load the framework and the lesson before this, or it is killed and the
    // job waits for the next one (the framework's default, 10 s, is passed on a laptop this busy:
    // seen with ten learners' workers on 2 cores, where an agent then never joined its learner's
    // room; and 60 s was passed at load 30-40, the whole suite with a lesson loop beside it).
    initializeProcessTimeout: 120_000,
    ...extra,
  };
}

/** Start a worker and resolve once the server has registered it; reject, with why, otherwise. */
export async function startWorker(options: WorkerOptions, timeoutMs = 20_000): Promise<AgentServer> {
  quietFrameworkLogs();
  const worker = new AgentServer(new ServerOptions(options));
  const registered = once(worker.event, 'worker_registered');
  const running = worker.run();
  running.catch(() => {});
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      registered,
      running.then(() => Promise.reject(new Error('the agent worker stopped before it registered'))),
      new Promise((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`the agent worker did not register in ${timeoutMs / 1000} s`)),
          timeoutMs,
        );
        timer.unref();
      }),
    ]);
  } catch (error) {
    await worker.close().catch(() => {});
    throw error;
  } finally {
    clearTimeout(timer);
  }
  return worker;
}
