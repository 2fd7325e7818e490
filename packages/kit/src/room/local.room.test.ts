// `pnpm lesson … --mode local` as a process, when things go wrong: the server dies mid-lesson, or
// the learner presses Ctrl+C (or the process gets SIGTERM). No hang, and nothing left behind.
import { readFileSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import { descendants, gone, spawnLessonProcess, until } from '../testing/processes.js';

const describeRoom = inject('livekitServer') ? describe.concurrent : describe.skip;

const startLocalLesson = () => spawnLessonProcess(['greeting', '--mode', 'local']);

describeRoom('local mode when things go wrong', { timeout: 90_000 }, () => {
  it('the server killed mid-lesson: a clear error, exit 1, no hang', async () => {
    const { child, output, exited: code } = startLocalLesson();
    await until(() => output().includes('participant_joined'), 60_000, 'the agent to join');
    const server = descendants(child.pid!).find((pid) =>
      readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('livekit-server'),
    );
    expect(server).toBeDefined();
    const killedAt = performance.now();
    process.kill(server!, 'SIGKILL');
    expect(await code).toBe(1);
    expect(performance.now() - killedAt).toBeLessThan(10_000);
    expect(output()).toContain('error: livekit-server stopped (SIGKILL); the lesson cannot go on.');
    expect(output()).not.toMatch(/\n\s+at /);
  });

  it.each(['SIGTERM', 'SIGINT'] as const)(
    '%s: exit within 5 s, and no server or worker process left',
    async (signal) => {
      const { child, output, exited: code } = startLocalLesson();
      await until(() => output().includes('participant_joined'), 60_000, 'the agent to join');
      const family = descendants(child.pid!);
      expect(family.length).toBeGreaterThanOrEqual(2); // the server and the agent's job process, at least
      const signalledAt = performance.now();
      child.kill(signal);
      expect(await code).toBe(130);
      expect(performance.now() - signalledAt).toBeLessThan(5000);
      await until(() => family.every(gone), 2000, `processes ${family.join(', ')} to end`);
      expect(output()).toMatch(/leaving the room, stopping the worker and the server/);
    },
  );
});
