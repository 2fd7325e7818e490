// Why the kit's workers report load 0: a worker whose last reported load is at or above the
// server's target_load (0.7) is never sent a job, and the dispatch is dropped without a word.
// The same worker options, once with a busy machine's load and once as the kit sets them.
import type { AgentServer, JobRequest } from '@livekit/agents';
import { AgentDispatchClient, RoomServiceClient } from 'livekit-server-sdk';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { lessonWorkerOptions, startWorker } from './worker.js';

const server = inject('livekitServer');
const describeRoom = server ? describe.concurrent : describe.skip;
const workers: AgentServer[] = [];

/** Start a worker with the kit's options (plus `loadFunc`, if given) that records job requests. */
async function recordingWorker(agentName: string, loadFunc?: () => Promise<number>) {
  const requests: JobRequest[] = [];
  const worker = await startWorker(
    await lessonWorkerOptions(server!, {
      agent: `${inject('lessonsBuild')}/packages/kit/src/room/job-entry.mjs`,
      agentName,
      // Record the request and turn it down: no job process is needed to see that it came.
      requestFunc: async (request) => {
        requests.push(request);
        await request.reject();
      },
      ...(loadFunc && { loadFunc }),
    }),
  );
  workers.push(worker);
  // The server acts on the load the worker last reported: wait for the first report (every 2.5 s).
  await new Promise<void>((resolve) =>
    worker.event.on('worker_msg', (msg: { message: { case?: string } }) => {
      if (msg.message.case === 'updateWorker') resolve();
    }),
  );
  return requests;
}

/** Keep every core busy (as a laptop compiling, or a class of workers on one machine, would) until stopped. */
function busyMachine(): () => Promise<void> {
  const stop = new Int32Array(new SharedArrayBuffer(4));
  const spin = `const { workerData: s } = require('node:worker_threads'); while (!Atomics.load(s, 0)) {}`;
  const threads = Array.from(
    { length: availableParallelism() },
    () => new Worker(spin, { eval: true, workerData: stop }),
  );
  return async () => {
    Atomics.store(stop, 0, 1);
    await Promise.all(threads.map((t) => t.terminate()));
  };
}

async function dispatchTo(agentName: string): Promise<void> {
  const { httpUrl, apiKey, apiSecret } = server!;
  const roomName = `${agentName}-room`;
  await new RoomServiceClient(httpUrl, apiKey, apiSecret).createRoom({ name: roomName, emptyTimeout: 10 });
  await new AgentDispatchClient(httpUrl, apiKey, apiSecret).createDispatch(roomName, agentName);
}

async function waitFor(condition: () => boolean, ms: number): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end;) {
    if (condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return condition();
}

describeRoom('dispatch and the load a worker reports', { timeout: 60_000 }, () => {
  afterAll(() => Promise.all(workers.map((w) => w.close().catch(() => {}))));

  it('a worker that reports load 0.9 gets no job: the dispatch is lost', async () => {
    const name = `busy-${process.pid}`;
    const requests = await recordingWorker(name, async () => 0.9);
    await dispatchTo(name);
    expect(await waitFor(() => requests.length > 0, 8000)).toBe(false);
  });

  it("a worker with the kit's options gets the job, even with every core busy", async () => {
    const name = `kit-${process.pid}`;
    const idle = busyMachine();
    try {
      const requests = await recordingWorker(name);
      await dispatchTo(name);
      expect(await waitFor(() => requests.length > 0, 20_000)).toBe(true);
    } finally {
      await idle();
    }
  });
});
