// A workshop on one shared server, as the instructor and ten learners run it: `pnpm workshop
// server` bound to loopback (standing in for the room's network), ten `pnpm lesson … --mode live
// --model stand-in --learner <id>` at once, each on a lesson of its own, one of them crashing.
// Outcomes only: every room gets its own learner's agent (the server says whose, lk.agent_name),
// each trace prints only in its owner's output, the crash touches no one else, a duplicate id is
// refused, `pnpm workshop status` lists all ten, and Ctrl+C on the server leaves nothing running.
// How long any of it takes is `pnpm bench --workshop`'s business: the limits here are generous.
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { RoomServiceClient } from 'livekit-server-sdk';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { repoRoot } from '../lesson/catalogue.js';
import { freePort } from '../room/free-port.js';
import { learnerLessonArgs } from './learner-id.js';
import { watchServedAgents } from './served-agents.js';

const root = repoRoot();
const started: ChildProcess[] = [];
afterAll(() => {
  for (const child of started) {
    // One that has ended is skipped: its pid, as a group id, may be another's by now.
    if (child.exitCode !== null || child.signalCode !== null) continue;
    try {
      process.kill(-child.pid!, 'SIGKILL'); // each command leads a process group of its own
    } catch {
      // ended
    }
  }
});

interface Run {
  child: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<void>;
}

function start(bin: string, args: string[], env: NodeJS.ProcessEnv = {}): Run {
  const clean = { ...process.env };
  for (const name of ['LIVEKIT_URL', 'LIVEKIT_API_KEY', 'LIVEKIT_API_SECRET', 'OPENAI_API_KEY', 'LESSON_JOB'])
    delete clean[name];
  const child = spawn('node', [`packages/kit/bin/${bin}`, ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
    env: { ...clean, NO_COLOR: '1', ...env },
  });
  started.push(child);
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return {
    child,
    output: () => output,
    exited,
    async waitFor(pattern, timeoutMs = 120_000) {
      for (const end = Date.now() + timeoutMs; !pattern.test(output);) {
        if (Date.now() > end || child.exitCode !== null)
          throw new Error(`${pattern} did not appear (exit ${child.exitCode}):\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
  };
}

/** Processes whose command line holds `text` (for a livekit-server, its config's port line). */
function processesWith(text: string): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(text);
      } catch {
        return false;
      }
    })
    .map(Number);
}

const NAMES = ['Ada', 'Grace', 'Linus', 'Barbara', 'Alan', 'Edsger', 'Margaret', 'Dennis', 'Frances', 'Ken'];
const LESSONS = ['greeting', 'farewell', 'turn-context'];
const learners = NAMES.map((name, i) => ({
  id: `l${i}-${name.toLowerCase()}`,
  name,
  lesson: LESSONS[i % 3]!,
}));
const crashing = learners[9]!;

// Off where there is no server binary: the global setup has already said so, loudly.
describe.skipIf(!inject('livekitServer'))('a workshop on one shared server', () => {
  it(
    'ten learners at once: each room gets its own agent, each trace its own output; a crash, a duplicate id, status, Ctrl+C',
    { timeout: 400_000 },
    async () => {
      const [port, udpPort] = [await freePort(), await freePort()];
      const server = start('workshop.mjs', [
        'server',
        '--bind',
        '127.0.0.1',
        '--port',
        `${port}`,
        '--udp-port',
        `${udpPort}`,
      ]);
      // The whole block, to its last line: it comes in pieces, and the warning follows the keys.
      await server.waitFor(/Ctrl\+C stops the server\.$/m, 60_000);
      const line = (name: string) => new RegExp(`^${name}=(.+)$`, 'm').exec(server.output())![1]!;
      const env = {
        LIVEKIT_URL: line('LIVEKIT_URL'),
        LIVEKIT_API_KEY: line('LIVEKIT_API_KEY'),
        LIVEKIT_API_SECRET: line('LIVEKIT_API_SECRET'),
      };
      expect(env.LIVEKIT_URL).toBe(`ws://127.0.0.1:${port}`);
      expect(server.output()).toMatch(/administrator of this server/);
      const serverPids = processesWith(`port: ${port}\n`);
      expect(serverPids).toHaveLength(1);

      // Whose agent is in whose room, as the server sees it, all along.
      const rooms = new RoomServiceClient(
        `http://127.0.0.1:${port}`,
        env.LIVEKIT_API_KEY,
        env.LIVEKIT_API_SECRET,
      );
      const watch = watchServedAgents(rooms);
      const seen = watch.served;

      const runs = learners.map((l) =>
        start('lesson.mjs', [...learnerLessonArgs(l.lesson, l.id), '--user', l.name, '--json'], {
          ...env,
          LESSON_LOG_LEVEL: 'warn',
        }),
      );
      // The crash: once its agent is in its room, the learner's lesson dies with everything it started.
      const victim = runs[9]!;
      await victim.waitFor(/"event":"participant_joined"/, 240_000);
      // Not before the server has been seen with its agent in its room (the watch polls): an agent
      // killed sooner may be gone before the watch looks, and its room would show no agent at all.
      for (const deadline = Date.now() + 60_000; Date.now() < deadline;) {
        if ([...seen.keys()].some((room) => room.startsWith(`${crashing.id}.`))) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      process.kill(-victim.child.pid!, 'SIGKILL');

      // A second laptop with a taken id: refused with one clear line, before any worker registers.
      // (The ten learners here share one machine id, as one laptop's terminals would: their ids differ.)
      await runs[0]!.waitFor(/"event":"connected"/, 240_000);
      const duplicate = start(
        'lesson.mjs',
        learnerLessonArgs('greeting', learners[0]!.id),
        { ...env, LESSON_MACHINE_ID: 'another-laptop' }, // this checkout plays a second laptop
      );
      expect(await duplicate.exited).toBe(1);
      expect(duplicate.output().trim()).toMatch(
        new RegExp(
          `^error: learner id "${learners[0]!.id}" is in use on .+ \\(running greeting\\)\\..*--learner <id>.*--take-over\\.$`,
        ),
      );
      expect(duplicate.output().trim().split('\n')).toHaveLength(1);

      const codes = await Promise.all(runs.map((run) => run.exited));
      await watch.stop();

      for (const [i, l] of learners.entries()) {
        if (l === crashing) continue;
        const out = runs[i]!.output();
        expect(codes[i], `${l.id}:\n${out}`).toBe(0);
        // (The framework's own log lines, LESSON_LOG_LEVEL=warn, are there to say why if this fails.)
        const events = out
          .trim()
          .split('\n')
          .filter((text) => text.startsWith('{"type"'))
          .map((text) => JSON.parse(text) as Record<string, unknown>);
        const connected = events.find((e) => e.event === 'connected');
        expect(connected?.room, l.id).toMatch(new RegExp(`^${l.id}\\.${l.lesson}\\.`));
        // Its own agent greeted it by its own name; its hooks are in its own output…
        const said = events
          .filter((e) => e.type === 'message' && e.role === 'assistant')
          .map((e) => String(e.text));
        expect(said[0], `${l.id}:\n${out}`).toContain(l.name);
        expect(
          events.some((e) => e.type === 'hook' && e.hook === 'onEnter'),
          l.id,
        ).toBe(true);
        // …and no one else's: no other learner's name or room appears in it.
        for (const other of learners.filter((o) => o !== l)) {
          expect(out, `${other.id} in ${l.id}'s output`).not.toContain(`${other.id}.`);
          expect(out, `${other.name} in ${l.id}'s output`).not.toMatch(new RegExp(`\\b${other.name}\\b`));
        }
      }

      // Every room got exactly one agent, and it was its own learner's (none crossed).
      const pairs = [...seen].map(([room, agents]) => ({ room, agents: [...agents] }));
      for (const l of learners) {
        const own = pairs.filter((p) => p.room.startsWith(`${l.id}.`));
        expect(own.length, `rooms of ${l.id}`).toBeGreaterThan(0);
        for (const { room, agents } of own) {
          expect(agents, room).toHaveLength(1);
          expect(agents[0], room).toMatch(new RegExp(`^${l.id}\\.${l.lesson}\\.`));
          expect(`${agents[0]}.`, room).toBe(room.replace(/\d+$/, ''));
        }
      }

      // The instructor's view, from the server's API: all ten, each with its lesson and how it ended.
      const status = start('workshop.mjs', ['status'], env);
      expect(await status.exited).toBe(0);
      const rows = status.output().trim().split('\n');
      expect(rows[0]).toMatch(/^10 learners \(\d+ running\) at \d\d:\d\d:\d\d UTC$/);
      for (const l of learners) {
        const row = rows.find((r) => r.startsWith(`${l.id} `));
        expect(row, `${l.id} in:\n${status.output()}`).toBeDefined();
        expect(row).toContain(` ${l.lesson} `);
        if (l === crashing) expect(row).toMatch(/ (running|gone \d+s ago) /);
        else expect(row).toMatch(/ stopped \d+s ago +had joined /);
      }

      // Ctrl+C on the server: it stops, and takes livekit-server with it.
      process.kill(server.child.pid!, 'SIGINT');
      expect(await server.exited).toBe(0);
      expect(server.output()).toMatch(/Stopped: nothing is left running/);
      expect(processesWith(`port: ${port}\n`)).toEqual([]);
    },
  );
});
