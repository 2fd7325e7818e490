// The learner's desk on a real livekit-server: how a second laptop with the same id is refused
// (using only the server's room API), how a take-over stops the first, and the no-agent line.
import { RoomServiceClient } from 'livekit-server-sdk';
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { joinAsLearner } from '../room/learner.js';
import { quietRtcLog } from '../room/quiet-rtc-log.js';
import type { LocalServer } from '../room/server.js';
import { NoAgent, waitForOwnAgent } from './agent-wait.js';
import { type Desk, STALE_MS, claimDesk, deskRoomName, readDesk } from './desk.js';
import { readStatus } from './status.js';

const server = inject('livekitServer');
quietRtcLog();
const describeRoom = server ? describe.concurrent : describe.skip;
const rooms = () => new RoomServiceClient(server!.httpUrl, server!.apiKey, server!.apiSecret);
const unique = (name: string) => `${name}-${randomBytes(3).toString('hex')}`;
const run = (n: number) => `run-${n}-${randomBytes(2).toString('hex')}`;
const held: Desk[] = [];
afterAll(() => Promise.all(held.map((desk) => desk.release())));

/** A run on a laptop of its own (its machine id is the run's), unless `machine` says which. */
async function claim(
  learner: string,
  runId: string,
  options: Parameters<typeof claimDesk>[2] = {},
  machine = runId,
) {
  const result = await claimDesk(
    rooms(),
    { learner, lesson: 'greeting', run: runId, machine, agent: `${learner}.x` },
    options,
  );
  if ('desk' in result) held.push(result.desk);
  return result;
}

describeRoom('a learner id on a shared server', { timeout: 60_000 }, () => {
  it('a second run with the same id is refused, and told which host and lesson hold it', async () => {
    const learner = unique('dup');
    const first = await claim(learner, run(1));
    expect(first).toHaveProperty('desk');
    const second = await claim(learner, run(2));
    expect(second).toMatchObject({ heldBy: { learner, lesson: 'greeting', kind: 'desk' } });
  });

  it("a learner's second run on the same laptop shares the id", async () => {
    const learner = unique('same');
    expect(await claim(learner, run(1), {}, 'laptop-a')).toHaveProperty('desk');
    expect(await claim(learner, run(2), {}, 'laptop-a')).toHaveProperty('desk');
    expect(await claim(learner, run(3), {}, 'laptop-b')).toHaveProperty('heldBy');
  });

  it('two runs claiming one id at the same moment: exactly one gets it', async () => {
    const learner = unique('race');
    const results = await Promise.all([claim(learner, run(1)), claim(learner, run(2))]);
    expect(results.filter((r) => 'desk' in r)).toHaveLength(1);
    expect(results.filter((r) => 'heldBy' in r)).toHaveLength(1);
  });

  it('--take-over gets the id, and the run that held it is told within a few heartbeats', async () => {
    const learner = unique('take');
    let takenBy: string | undefined;
    const first = await claim(learner, run(1), { onTaken: (by) => (takenBy = by.run) });
    expect(first).toHaveProperty('desk');
    const secondRun = run(2);
    expect(await claim(learner, secondRun, { takeOver: true })).toHaveProperty('desk');
    for (const end = Date.now() + 20_000; !takenBy && Date.now() < end;)
      await new Promise((resolve) => setTimeout(resolve, 200));
    expect(takenBy).toBe(secondRun);
  });

  it('an id whose run ended, or went silent, is free again', async () => {
    const learner = unique('free');
    const first = await claim(learner, run(1));
    await (first as { desk: Desk }).desk.release();
    const [room] = await rooms().listRooms([deskRoomName(learner)]);
    expect(readDesk(room?.metadata)?.stoppedAt).toBeGreaterThan(0);
    expect(await claim(learner, run(2))).toHaveProperty('desk');

    const silent = unique('silent');
    const old = {
      kind: 'desk',
      learner: silent,
      host: 'elsewhere',
      pid: 1,
      run: 'crashed',
      machine: 'elsewhere',
      lesson: 'farewell',
      agent: '',
    };
    const metadata = JSON.stringify({ ...old, seenAt: Date.now() - STALE_MS - 1000 });
    await rooms().createRoom({ name: deskRoomName(silent), emptyTimeout: 60, metadata });
    expect(await claim(silent, run(3))).toHaveProperty('desk');
  });

  it("status reads every desk from the server's API: running, stopped, the last error", async () => {
    const learner = unique('status');
    const result = await claim(learner, run(1));
    const desk = (result as { desk: Desk }).desk;
    await desk.update({ room: `${learner}.greeting.1`, lastError: 'the hook threw' });
    const row = (await readStatus(server!)).find((r) => r.learner === learner);
    expect(row).toMatchObject({ lesson: 'greeting', state: 'running', lastError: 'the hook threw' });
    await desk.release();
    expect((await readStatus(server!)).find((r) => r.learner === learner)).toMatchObject({
      state: 'stopped',
    });
  });

  it('no agent in the room: a note saying so and what to check, then a clear failure', async () => {
    const room = unique('no-agent');
    await rooms().createRoom({ name: room, emptyTimeout: 10 });
    const learner = await joinAsLearner(server as LocalServer, room, 'Ada', () => {});
    const notes: string[] = [];
    try {
      const waited = waitForOwnAgent(learner, {
        room,
        agentName: 'ada.greeting.1',
        notice: (line) => notes.push(line),
        noticeMs: 1000,
        timeoutMs: 2500,
      });
      await expect(waited).rejects.toBeInstanceOf(NoAgent);
      await expect(waited).rejects.toThrow(
        /^no agent has joined room no-agent-\w+ after 3 s\. Your agent \(ada\.greeting\.1\)/,
      );
      expect(notes).toHaveLength(1);
      expect(notes[0]).toMatch(/after 1 s\. .*Check: .*LIVEKIT_URL.*UDP.*Still waiting…$/);
    } finally {
      await learner.leave();
    }
  });
});
