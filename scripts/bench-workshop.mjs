// @ts-check
// pnpm bench --workshop: a workshop on one server, on this machine. One `pnpm workshop server` on
// loopback; 30 learners' workers registered on it at once: LESSON_BENCH_WORKSHOP_TALKING (10) of them as
// real `pnpm lesson <lesson> --mode live --model stand-in --learner <id>` processes in a scripted
// conversation, the rest as idle workers (each under a learner's agent name of its own, no job
// process) in this process. Reported: dispatch correctness (whose agent each room got, from the
// server's lk.agent_name), time to the first agent line, and memory per talking learner (every
// process it started, at its peak). Every learner shares this machine's cores, so on a small
// machine this measures contention, not what one learner's laptop would see.
import { spawn } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { processesTagged } from '../packages/kit/src/testing/proc.mjs';
import { builtKit } from './built-kit.mjs';

const root = resolve(import.meta.dirname, '..');
const total = Number(process.env.LESSON_BENCH_WORKSHOP_LEARNERS ?? 30);
const talking = Math.min(total, Number(process.env.LESSON_BENCH_WORKSHOP_TALKING ?? 10));
const lessons = ['greeting', 'farewell', 'turn-context'];
/** The machine's load, averaged over the last minute. */
const loadAverage = () => (loadavg()[0] ?? 0).toFixed(1);

const { build } = await import('../packages/kit/bin/build.mjs');
const { outdir } = await build();
const { findServer } = await builtKit(outdir, 'room/server');
const { freePort } = await builtKit(outdir, 'room/free-port');
const { startWorkshopServer } = await builtKit(outdir, 'workshop/server');
const { startRoomLesson } = await builtKit(outdir, 'room/room-lesson');
const { learnerLessonArgs } = await builtKit(outdir, 'workshop/learner-id');
const { watchServedAgents } = await builtKit(outdir, 'workshop/served-agents');
// The server SDK is the kit's dependency, not the root's: resolve it from the kit.
const { RoomServiceClient } =
  /** @type {typeof import('../packages/kit/node_modules/livekit-server-sdk/dist/index.js')} */ (
    await import(
      pathToFileURL(createRequire(join(root, 'packages/kit/package.json')).resolve('livekit-server-sdk')).href
    )
  );
const binary = findServer();
if (!binary) {
  console.error('bench --workshop: no livekit-server (pnpm server:install, or LIVEKIT_SERVER_BIN)');
  process.exit(1);
}

const [port, udpPort] = [await freePort(), await freePort()];
const server = await startWorkshopServer(binary, {
  bind: '127.0.0.1',
  nodeIp: '127.0.0.1',
  port,
  udpPort,
  tcpPort: 0,
});
const env = { LIVEKIT_URL: server.url, LIVEKIT_API_KEY: server.apiKey, LIVEKIT_API_SECRET: server.apiSecret };
const rooms = new RoomServiceClient(server.httpUrl, server.apiKey, server.apiSecret);
// Ctrl+C: through process.exit, so the server started above is killed by its exit handler.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(130));

/**
 * Resident memory (kB) of every process whose environment carries this learner's tag.
 *
 * @param {string} tag
 */
function memoryOf(tag) {
  let kb = 0;
  for (const pid of processesTagged(`LESSON_BENCH_WORKSHOP_TAG=${tag}`)) {
    try {
      kb += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
    } catch {
      // gone
    }
  }
  return kb;
}

/**
 * Resident memory (kB) of a process and its children (the idle workers' inference processes).
 *
 * @param {number} root
 */
function treeKb(root) {
  let kb = 0;
  for (const pid of readdirSync('/proc').filter((e) => /^\d+$/.test(e))) {
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      if (Number(pid) !== root && Number(/PPid:\s+(\d+)/.exec(status)?.[1]) !== root) continue;
      kb += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    } catch {
      // gone
    }
  }
  return kb;
}

/**
 * @typedef {{ learner: string, lesson: string, room: string, firstLineMs: number | undefined,
 *   joinToLineMs: number | undefined, peakKb: number, code: number | null, err: string }} TalkResult
 */

/**
 * One talking learner: their lesson, live on the workshop server, through its scripted conversation.
 *
 * @param {number} i
 * @returns {Promise<TalkResult>}
 */
function talk(i) {
  const learner = `bench-${i}`;
  const lesson = /** @type {string} */ (lessons[i % lessons.length]);
  const started = performance.now();
  const child = spawn(
    'node',
    ['packages/kit/bin/lesson.mjs', ...learnerLessonArgs(lesson, learner), '--user', `Learner${i}`, '--json'],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...env, NO_COLOR: '1', LESSON_BENCH_WORKSHOP_TAG: learner },
    },
  );
  /** @type {TalkResult} */
  const result = {
    learner,
    lesson,
    room: '',
    firstLineMs: undefined,
    joinToLineMs: undefined,
    peakKb: 0,
    code: null,
    err: '',
  };
  let buffered = '';
  /** @type {number | undefined} */
  let connectedAt;
  child.stdout.on('data', (chunk) => {
    buffered += chunk;
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) {
      if (!line.startsWith('{"type"')) continue;
      const event = JSON.parse(line);
      if (event.event === 'connected') {
        result.room = event.room;
        connectedAt = performance.now();
      }
      if (event.type === 'message' && event.role === 'assistant' && result.firstLineMs === undefined) {
        result.firstLineMs = performance.now() - started;
        result.joinToLineMs = connectedAt && performance.now() - connectedAt;
      }
    }
  });
  child.stderr.on('data', (d) => (result.err = (result.err + d).slice(-400)));
  const sampler = setInterval(() => (result.peakKb = Math.max(result.peakKb, memoryOf(learner))), 500);
  return new Promise((done) =>
    child.on('close', (code) => {
      clearInterval(sampler);
      result.code = code;
      done(result);
    }),
  );
}

console.error(
  `bench --workshop: ${total} learners on one server (${availableParallelism()} cores, load ${loadAverage()} before)`,
);
// The idle learners: registered under names of their own, never dispatched to.
const baseKb = treeKb(process.pid);
const idleStarted = performance.now();
// One after another: the framework starts an inference process per worker (local end-of-turn
// model, ~320 MB), and twenty of those starting at once in one process never finished here.
const idle = [];
for (let i = 0; i < total - talking; i++) {
  idle.push(
    await startRoomLesson({
      server,
      lessonName: /** @type {string} */ (lessons[i % lessons.length]),
      agentModule: `${outdir}/examples/greeting/src/main.mjs`,
      jobEntry: `${outdir}/packages/kit/src/room/job-entry.mjs`,
      numIdleProcesses: 0,
      learner: `idle-${i}`,
    }),
  );
  console.error(`  idle learner ${i + 1} of ${total - talking} registered`);
}
const idleMs = performance.now() - idleStarted;
const idleKb = treeKb(process.pid) - baseKb;
console.error(
  `  ${total - talking} idle workers registered in ${(idleMs / 1000).toFixed(1)} s; now ${talking} learners talking…`,
);

// Whose agent each room got, as the server says, all along.
const watch = watchServedAgents(rooms);
const served = watch.served;
const results = await Promise.all(Array.from({ length: talking }, (_, i) => talk(i)));
await watch.stop();
await Promise.all(idle.map((lesson) => lesson.stop()));
await server.stop();

const correct = results.filter((r) => {
  const agents = [...(served.get(r.room) ?? [])];
  return agents.length === 1 && agents[0]?.startsWith(`${r.learner}.${r.lesson}.`);
});
const crossed = [...served].filter(([room, agents]) =>
  [...agents].some((a) => `${a}.` !== room.replace(/\d+$/, '')),
);
/** @param {(number | undefined)[]} values the median of those that are numbers (NaN for none) */
const median = (values) => {
  const sorted = values.filter((v) => v !== undefined).sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
};
/** @param {number} ms */
const s = (ms) => `${(ms / 1000).toFixed(2)} s`;
const firsts = results.map((r) => r.firstLineMs);
console.log(
  `workshop: ${total} learners' workers on one livekit-server, ${talking} in a conversation, on ${availableParallelism()} cores`,
);
console.log(
  `  CONTENTION: every learner runs on this one machine (load ${loadAverage()} at the end); a learner's own laptop is not this.`,
);
console.log(
  `  ${total - talking} idle workers registered (one process, one after another) in ${s(idleMs)}; ` +
    `memory per idle learner (its worker and the framework's inference process): ${Math.round(idleKb / (total - talking || 1) / 1024)} MB`,
);
console.log(
  `  dispatch: ${correct.length}/${talking} rooms got their own learner's agent; crossed: ${crossed.length}; exit 0: ${results.filter((r) => r.code === 0).length}/${talking}`,
);
console.log(
  `  first agent line, from spawn: median ${s(median(firsts))}, worst ${s(Math.max(...firsts.map((v) => v ?? Infinity)))}`,
);
console.log(
  `  first agent line, from joining the room: median ${s(median(results.map((r) => r.joinToLineMs)))}`,
);
console.log(
  `  memory per talking learner (all its processes, peak RSS): median ${Math.round(median(results.map((r) => r.peakKb)) / 1024)} MB, max ${Math.round(Math.max(...results.map((r) => r.peakKb)) / 1024)} MB`,
);
for (const r of results.filter((r) => r.code !== 0))
  console.log(`  ${r.learner} (${r.lesson}) exit ${r.code}: ${r.err.trim().split('\n').at(-1)}`);
process.exit(correct.length === talking && crossed.length === 0 ? 0 : 1);
