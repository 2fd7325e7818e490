// @ts-check
// pnpm bench --faults: how long a lesson takes to end after SIGINT, SIGTERM or SIGHUP at each
// stage (the signals taken in turn), and whether it left any process behind (Linux: /proc).
// Goals: 2 s offline, 5 s in a room. The server-build stage uses a stand-in `go` that never
// finishes (a real cold build takes minutes). LESSON_BENCH_FAULT_TRIES=10 tries per stage by default.
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { processesTagged } from '../packages/kit/src/testing/proc.mjs';
import { formatTable } from './table.mjs';

const root = resolve(import.meta.dirname, '..');
const tries = Number(process.env.LESSON_BENCH_FAULT_TRIES ?? 10);
/** @type {NodeJS.Signals[]} */
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'];

const standIns = mkdtempSync(join(tmpdir(), 'bench-faults-'));
writeFileSync(
  join(standIns, 'go'),
  '#!/bin/sh\n[ "$1" = version ] && exit 0\necho "compiling stand-in" >&2\nexec sleep 600\n',
);
chmodSync(join(standIns, 'go'), 0o755);

const hasServer =
  Boolean(process.env.LIVEKIT_SERVER_BIN) || existsSync(join(root, '.cache/livekit-server/livekit-server'));
const local = ['--mode', 'local'];
/**
 * @typedef {{ name: string, args: string[], mark: string, goal: number, env?: NodeJS.ProcessEnv,
 *   room?: boolean, skip?: string }} Stage
 *   `mark`: the output after which the signal is sent; `room`: needs a livekit-server.
 */
/** @type {Stage[]} */
const STAGES = [
  { name: 'offline: mid-turn', args: ['end-call'], mark: 'you ', goal: 2000 },
  { name: 'offline: closing', args: ['greeting', '--json'], mark: '"type":"close"', goal: 2000 },
  {
    name: 'room: server build (stand-in go)',
    args: ['greeting', ...local],
    // A server cache of its own, empty: the build runs whatever the repo's cache holds.
    env: {
      LIVEKIT_SERVER_BIN: '',
      LESSON_SERVER_CACHE: join(standIns, 'cache'),
      PATH: `${standIns}:${process.env.PATH}`,
    },
    mark: 'building it',
    goal: 5000,
  },
  {
    name: 'room: server start',
    args: ['greeting', ...local],
    mark: 'Starting livekit-server',
    goal: 5000,
    room: true,
  },
  {
    name: 'room: agent joining',
    args: ['greeting', ...local, '--json'],
    mark: '"event":"connected"',
    goal: 5000,
    room: true,
  },
  {
    name: 'room: mid-turn',
    args: ['greeting', ...local, '--json'],
    mark: '"type":"input"',
    goal: 5000,
    room: true,
  },
  {
    name: 'room: closing',
    args: ['end-call', ...local, '--json'],
    mark: '"call":"deleteRoom"',
    goal: 5000,
    room: true,
  },
];

let tagCount = 0;

/**
 * One try: run until `mark`, send `signal`, time the exit, count what is left a second later.
 *
 * @param {Stage} stage
 * @param {NodeJS.Signals} signal
 * @returns {Promise<{ ms: number | undefined, code: number | null, left: number }>}
 */
function attempt(stage, signal) {
  const tag = `bench-${process.pid}-${++tagCount}`;
  return new Promise((done) => {
    const child = spawn('node', ['packages/kit/bin/lesson.mjs', ...stage.args], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NO_COLOR: '1', LESSON_FAULT_TAG: tag, ...stage.env },
    });
    let output = '';
    /** @type {number | undefined} */
    let signalledAt;
    /** @param {Buffer} chunk */
    const onData = (chunk) => {
      output += chunk;
      if (signalledAt === undefined && output.includes(stage.mark)) {
        signalledAt = performance.now();
        child.kill(signal);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    const giveUp = setTimeout(() => child.kill('SIGKILL'), 90_000);
    child.on('close', async (code) => {
      clearTimeout(giveUp);
      const ms = signalledAt === undefined ? undefined : performance.now() - signalledAt;
      await new Promise((r) => setTimeout(r, 1000));
      const left = processesTagged(`LESSON_FAULT_TAG=${tag}`);
      for (const pid of left) process.kill(pid, 'SIGKILL'); // the bench leaves nothing either
      done({ ms, code, left: left.length });
    });
  });
}

const rows = [['stage', 'worst', 'median', 'goal', 'exit codes', 'left']];
try {
  for (const stage of STAGES) {
    const skip = stage.skip || (stage.room && !hasServer && 'no livekit-server (pnpm server:install)');
    if (skip) {
      rows.push([stage.name, 'skipped', skip, '', '', '']);
      continue;
    }
    process.stderr.write(`${stage.name}: `);
    const results = [];
    for (let i = 0; i < tries; i++) {
      const result = await attempt(stage, /** @type {NodeJS.Signals} */ (SIGNALS[i % SIGNALS.length]));
      results.push(result);
      process.stderr.write(result.ms === undefined ? 'x' : '.');
    }
    process.stderr.write('\n');
    const times = results
      .map((r) => r.ms)
      .filter((ms) => ms !== undefined)
      .sort((a, b) => a - b);
    /** @param {number | undefined} ms */
    const fmt = (ms) => (ms === undefined ? '-' : `${(ms / 1000).toFixed(2)} s`);
    const missed = results.length - times.length;
    rows.push([
      stage.name,
      fmt(times.at(-1)),
      fmt(times[Math.floor(times.length / 2)]),
      fmt(stage.goal),
      [...new Set(results.map((r) => r.code))].join(',') +
        (missed ? ` (${missed} ended before the signal)` : ''),
      String(results.reduce((sum, r) => sum + r.left, 0)),
    ]);
  }
} finally {
  rmSync(standIns, { recursive: true, force: true });
}
console.log(`\n${tries} tries a stage (SIGINT, SIGTERM, SIGHUP in turn), ${new Date().toISOString()}`);
console.log(formatTable(rows));
