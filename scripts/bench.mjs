#!/usr/bin/env node
// @ts-check
// pnpm bench: how fast a lesson starts and ends, against the floor of importing the framework.
// Median of N runs (default 5; LESSON_BENCH_RUNS=9 for more). Wall-clock times seen from this process.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { builtKit } from './built-kit.mjs';
import { formatTable } from './table.mjs';
import { TIERS, planTiers } from './tiers.mjs';

const root = resolve(import.meta.dirname, '..');
const runs = Number(process.env.LESSON_BENCH_RUNS ?? 5);
const tierRuns = Number(process.env.LESSON_BENCH_TIER_RUNS ?? 1);
const skipSuite = process.argv.includes('--no-suite');
const skipRooms = process.argv.includes('--no-rooms');
const skipWatch = process.argv.includes('--no-watch');
const skipPlayground = process.argv.includes('--no-playground');
if (process.argv.includes('--help') || process.argv.includes('-h')) {
  console.log(
    'pnpm bench [--no-suite] [--no-rooms] [--no-watch] [--no-playground] | --faults | --soak | --workshop\n' +
      '  start-up and exit against the floor (packages/kit/bin/floor.mjs), each test tier, rooms\n' +
      '  (LESSON_BENCH_RUNS=5 runs each; the tiers but offline once: LESSON_BENCH_TIER_RUNS=1)\n' +
      '  --faults  the worst exit time after SIGINT/SIGTERM/SIGHUP at each stage, and processes left\n' +
      '            (LESSON_BENCH_FAULT_TRIES=10 tries a stage; Linux)\n' +
      '  --soak    lost agents: joins in a row on one worker (LESSON_BENCH_SOAK_JOINS=50), then rounds of\n' +
      '            every lesson at once in local mode (LESSON_BENCH_SOAK_ROUNDS=10); exit 1 if any was lost\n' +
      '  --workshop  30 learners on one server (LESSON_BENCH_WORKSHOP_LEARNERS), 10 in a conversation\n' +
      '            (LESSON_BENCH_WORKSHOP_TALKING): dispatch correctness, first agent line, memory per learner;\n' +
      '            on one machine this measures contention; exit 1 if a room got the wrong agent or none',
  );
  process.exit(0);
}
if (process.argv.includes('--faults')) {
  await import('./bench-faults.mjs');
  process.exit(0);
}
if (process.argv.includes('--soak')) await import('./bench-soak.mjs'); // exits with its verdict
if (process.argv.includes('--workshop')) await import('./bench-workshop.mjs'); // exits with its verdict

/**
 * Spawn a command; resolve with ms to the first stdout line matching `mark` (if any) and to exit.
 *
 * @param {string} command
 * @param {string[]} args
 * @param {{ cwd?: string, mark?: (line: string) => boolean, env?: NodeJS.ProcessEnv }} [options]
 * @returns {Promise<{ mark: number | undefined, exit: number }>}
 */
function time(command, args, { cwd = root, mark, env = {} } = {}) {
  return new Promise((resolvePromise, reject) => {
    const started = performance.now();
    const child = spawn(command, args, {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NO_COLOR: '1', ...env },
    });
    /** @type {number | undefined} */
    let markedAt;
    let buffered = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      if (markedAt !== undefined || !mark) return;
      buffered += chunk;
      if (buffered.split('\n').some((line) => mark(line))) markedAt = performance.now() - started;
    });
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`${command} ${args.join(' ')} exited ${code}\n${stderr}`));
      else resolvePromise({ mark: markedAt, exit: performance.now() - started });
    });
  });
}

/** @param {number[]} values */
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  // NaN for no values, as the sum of two missing ones was before the types.
  return sorted.length % 2 ? (sorted[mid] ?? NaN) : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
};

/**
 * @template {{ exit: number }} Sample
 * @param {string} label
 * @param {() => Promise<Sample>} fn
 * @param {number} [count] how many runs (default LESSON_BENCH_RUNS)
 * @returns {Promise<Sample[]>}
 */
async function measure(label, fn, count = runs) {
  process.stderr.write(`${label}: `);
  const samples = [];
  for (let i = 0; i < count; i++) {
    samples.push(await fn());
    process.stderr.write('.');
  }
  const exits = median(samples.map((sample) => sample.exit));
  process.stderr.write(` median ${(exits / 1000).toFixed(2)} s to exit\n`);
  return samples;
}

// The floor: a bare import of @livekit/agents (packages/kit/bin/floor.mjs), by plain node and
// through the pnpm launcher as a lesson starts (`pnpm -s bench:floor`). Floor and lesson runs take
// turns, so a machine that gets busier or quieter during the bench weighs on both alike.
const floorFile = join(root, 'packages/kit/bin/floor.mjs');
await time('pnpm', ['-s', 'lesson', 'greeting', '--json']); // warm the build cache
/** @param {string} line */
const isAssistant = (line) => line.includes('"type":"message"') && line.includes('"role":"assistant"');
process.stderr.write('floor (node, pnpm) and pnpm lesson greeting, in turn: ');
/** @type {{ node: { exit: number }[], pnpmFloor: { exit: number }[], lesson: { mark: number | undefined, exit: number }[] }} */
const startup = { node: [], pnpmFloor: [], lesson: [] };
for (let i = 0; i < runs; i++) {
  startup.node.push(await time('node', [floorFile]));
  startup.pnpmFloor.push(await time('pnpm', ['-s', 'bench:floor']));
  startup.lesson.push(await time('pnpm', ['-s', 'lesson', 'greeting', '--json'], { mark: isAssistant }));
  process.stderr.write('.');
}
process.stderr.write('\n');
// The test tiers, each on its own (pnpm test:<tier>): those this machine can run, as pnpm test decides.
/** @type {{ tier: string, samples: { exit: number }[] | string }[]} samples, or why skipped */
const tiers = [];
if (!skipSuite) {
  const plan = await planTiers();
  for (const { name } of TIERS) {
    const why = plan.skipped.find((skipped) => skipped.tier === name)?.why;
    if (why) process.stderr.write(`pnpm test:${name}: skipped, ${why}\n`);
    // The offline tier, the one a contributor runs all the time, is a median; the others take
    // minutes each, and run once (LESSON_BENCH_TIER_RUNS for more).
    const count = name === 'offline' ? runs : tierRuns;
    const run = () => measure(`pnpm test:${name}`, () => time('pnpm', ['-s', `test:${name}`]), count);
    tiers.push({ tier: name, samples: why ?? (await run()) });
  }
}
const rooms = skipRooms ? undefined : await measureRooms();
const recheck = skipWatch ? undefined : await measureRecheck();
const playground = skipPlayground ? undefined : await measurePlayground();

const { node, pnpmFloor, lesson } = startup;
const floor = median(pnpmFloor.map((s) => s.exit));
// Every run prints an assistant line (`time` rejects a run that fails), so every run has its mark.
const first = median(lesson.map((s) => /** @type {number} */ (s.mark)));
const exit = median(lesson.map((s) => s.exit));
/** @param {number} ms */
const fmt = (ms) => `${(ms / 1000).toFixed(2)} s`;
/** "target <= 1.3x: met" or "…: MISSED", for a ratio against the floor. */
const verdict = (/** @type {number} */ ratio, /** @type {number} */ target) =>
  `target <= ${target}x: ${ratio <= target ? 'met' : 'MISSED'}`;
/** @type {string[][]} */
const rows = [
  ['floor: node, import @livekit/agents', fmt(median(node.map((s) => s.exit))), '', ''],
  ['floor: pnpm -s bench:floor, the same import as a lesson starts', fmt(floor), '', ''],
  [
    'pnpm lesson greeting: first assistant line',
    fmt(first),
    `${(first / floor).toFixed(2)}x floor`,
    verdict(first / floor, 1.3),
  ],
  [
    'pnpm lesson greeting: exit (scripted demo)',
    fmt(exit),
    `${(exit / floor).toFixed(2)}x floor`,
    `${verdict(exit / floor, 1.5)}, goal <= 1.2x`,
  ],
];
let tiersSum = 0;
for (const { tier, samples } of tiers) {
  const budget = tier === 'offline' ? 'budget ≤ 20 s' : '';
  if (typeof samples === 'string') rows.push([`pnpm test:${tier}`, 'skipped', samples, budget]);
  else {
    tiersSum += median(samples.map((s) => s.exit));
    rows.push([`pnpm test:${tier}`, fmt(median(samples.map((s) => s.exit))), '', budget]);
  }
}
if (tiers.length) rows.push(['the tiers run, one after another: sum', fmt(tiersSum), '', '']);
if (rooms) {
  rows.push([
    `room: join to first agent words (median of ${rooms.joins.length})`,
    fmt(median(rooms.joins)),
    rooms.lostJoins ? `${rooms.lostJoins} joins got no agent in 30 s` : 'none lost',
    '',
  ]);
  rows.push([
    `room: ${rooms.concurrent} rooms at once, one worker: last greeting`,
    fmt(rooms.lastGreeting),
    `${rooms.greeted}/${rooms.concurrent} greeted`,
    'none lost',
  ]);
}
if (recheck) {
  rows.push([
    'save to re-checked result: --check --watch',
    fmt(median(recheck.watch)),
    `${recheck.watch.length} saves`,
    'goal <= 1.5 s',
  ]);
  rows.push(['same, a fresh --check process per save', fmt(median(recheck.fresh)), '', '']);
}
if (playground) {
  rows.push([
    `playground: page open to first agent speech (median of ${playground.opens.length})`,
    playground.opens.length ? fmt(median(playground.opens)) : 'n/a',
    playground.lost ? `${playground.lost} heard nothing in 30 s` : 'none lost',
    'goal <= 1.5 s',
  ]);
  // Where the time goes: each step's median share, from the previous step's end to its own.
  const steps = playground.phases[0] ?? [];
  steps.forEach(([name], i) => {
    const spans = playground.phases
      // A step the page never marked is NaN (not a number), left out below.
      .map((phase) => Number(phase[i]?.[1]) - (i ? Number(phase[i - 1]?.[1]) : 0))
      .filter((span) => Number.isFinite(span));
    rows.push([`  … ${name}`, spans.length ? `+${Math.round(median(spans))} ms` : 'n/a', '', '']);
  });
  rows.push([
    'voice: synthesis of a sentence (median)',
    `${Math.round(median(playground.synthesis))} ms`,
    `${playground.synthesis.length} sentences`,
    '',
  ]);
  rows.push([
    "voice: longest event-loop block while speaking (the agent's side)",
    `${playground.block.toFixed(1)} ms`,
    '',
    'goal <= 50 ms',
  ]);
}
console.log(`\nmedian of ${runs} runs, ${new Date().toISOString()}`);
console.log(formatTable(rows));
// Everything is measured and printed. The room measurements ran a worker in this process, and the
// framework and rtc-node keep handles open after it closes (the helper found the bench hanging
// here with an esbuild service and sockets still held): end now, rather than wait on them.
process.exit(0);

/** Real rooms on a local livekit-server: join latency, and one worker with ten rooms at once. */
async function measureRooms() {
  const { build } = await import('../packages/kit/bin/build.mjs');
  const { outdir } = await build();
  const { findServer } = await builtKit(outdir, 'room/server');
  const { startRoomLesson } = await builtKit(outdir, 'room/room-lesson');
  const binary = findServer();
  if (!binary) {
    console.error('rooms: no livekit-server (pnpm server:install); room figures skipped');
    return undefined;
  }
  const lesson = await startRoomLesson({
    serverBinary: binary,
    lessonName: 'greeting',
    agentModule: `${outdir}/examples/greeting/src/main.mjs`,
    jobEntry: `${outdir}/packages/kit/src/room/job-entry.mjs`,
  });
  try {
    /** @type {number[]} */
    const joins = [];
    let lostJoins = 0;
    process.stderr.write('room: join to first agent words: ');
    for (let i = 0; i < Number(process.env.LESSON_BENCH_JOINS ?? 10); i++) {
      const { learner } = await lesson.open(`Bench${i}`, () => {});
      const joinedAt = performance.now();
      while (learner.firstTranscriptAt === undefined && performance.now() - joinedAt < 30_000) {
        await new Promise((r) => setTimeout(r, 5));
      }
      await learner.leave();
      if (learner.firstTranscriptAt === undefined) {
        lostJoins += 1;
        process.stderr.write('x');
        continue;
      }
      joins.push(learner.firstTranscriptAt - joinedAt);
      process.stderr.write('.');
    }
    process.stderr.write('\n');

    const concurrent = 10;
    process.stderr.write(`room: ${concurrent} rooms at once… `);
    const started = performance.now();
    const greetedAt = await Promise.all(
      Array.from({ length: concurrent }, async (_, i) => {
        /** @type {number | undefined} */
        let greeted;
        const { learner } = await lesson.open(`Load${i}`, (event) => {
          if (event.type === 'message' && event.role === 'assistant' && event.text.includes(`Load${i}`)) {
            greeted ??= performance.now();
          }
        });
        const deadline = performance.now() + 120_000;
        while (greeted === undefined && performance.now() < deadline)
          await new Promise((r) => setTimeout(r, 20));
        await learner.leave();
        return greeted;
      }),
    );
    const greeted = greetedAt.filter((t) => t !== undefined);
    process.stderr.write(`${greeted.length} greeted\n`);
    return {
      joins,
      lostJoins,
      concurrent,
      greeted: greeted.length,
      lastGreeting: Math.max(...greeted) - started,
    };
  } finally {
    await lesson.stop();
  }
}

/**
 * The exercise loop: from saving examples/greeting/src/exercise.ts to the re-checked result on
 * screen, under --check --watch (one vitest kept open, its next worker warm and waiting) and with
 * a fresh --check process per save.
 * Each save appends a comment; the file is put back as it was, whatever happens.
 */
async function measureRecheck() {
  const exercise = join(root, 'examples/greeting/src/exercise.ts');
  const original = readFileSync(exercise, 'utf8');
  const env = {
    ...process.env,
    NO_COLOR: '1',
    LESSON_PROGRESS_FILE: join(mkdtempSync(join(tmpdir(), 'bench-progress-')), 'p.json'),
  };
  /** @type {number[]} */
  const watch = [];
  /** @type {number[]} */
  const fresh = [];
  const child = spawn('node', ['packages/kit/bin/lesson.mjs', 'greeting', '--check', '--watch'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env,
  });
  try {
    let buffered = '';
    /** @type {(value?: unknown) => void} */
    let onResult = () => {};
    // A check's output ends with the "Watching …" line, printed after the result.
    child.stdout.on('data', (chunk) => {
      buffered += chunk;
      if (/\nWatching [^\n]*\n$/.test(buffered)) {
        buffered = '';
        onResult();
      }
    });
    const result = () => new Promise((resolveResult) => (onResult = resolveResult));
    await result(); // the first check, at start
    process.stderr.write('save to re-checked result, --check --watch: ');
    for (let i = 0; i < runs; i++) {
      // A learner reads the result before saving again; meanwhile the next check's worker warms up.
      await new Promise((resolvePause) => setTimeout(resolvePause, 4000));
      const shown = result();
      const savedAt = performance.now();
      writeFileSync(exercise, `${original}// bench save ${i}\n`);
      await shown;
      watch.push(performance.now() - savedAt);
      process.stderr.write('.');
    }
    process.stderr.write('\nsave to re-checked result, a fresh --check: ');
    for (let i = 0; i < runs; i++) {
      writeFileSync(exercise, `${original}// bench fresh ${i}\n`);
      const started = performance.now();
      await new Promise((resolveRun) =>
        spawn('node', ['packages/kit/bin/lesson.mjs', 'greeting', '--check'], {
          cwd: root,
          stdio: 'ignore',
          env,
        }).on('close', resolveRun),
      );
      fresh.push(performance.now() - started);
      process.stderr.write('.');
    }
    process.stderr.write('\n');
  } finally {
    child.kill('SIGINT');
    writeFileSync(exercise, original);
  }
  return { watch, fresh };
}

/**
 * The playground and its voice: from opening the page to the first speech it hears (Chromium,
 * the greeting lesson on a local server, a fresh room each time), the voice's synthesis time per
 * sentence, and the longest event-loop block in the process that speaks (as in the agent's job).
 */
async function measurePlayground() {
  const { build } = await import('../packages/kit/bin/build.mjs');
  const { outdir } = await build();
  const { monitorEventLoopDelay } = await import('node:perf_hooks');
  const { StandInVoice } = await builtKit(outdir, 'voice/stand-in-voice');
  const { quietFrameworkLogs } = await builtKit(outdir, 'room/quiet-rtc-log');
  quietFrameworkLogs();
  const sentences = [
    'Hello Bench, welcome to the lesson.',
    'Glad I could help. Your prescription will be ready at four. Goodbye, and take care!',
    "Yes, it's being prepared now.",
    'We are open from nine to five, Monday to Friday.',
  ];
  const voice = new StandInVoice({ warn: (line) => process.stderr.write(`${line}\n`) });
  /** @type {number[]} */
  const synthesis = [];
  process.stderr.write('voice: synthesis per sentence: ');
  await voice.synthesis.synthesize('Warm up.');
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  for (let i = 0; i < runs * 2; i++) {
    const started = performance.now();
    for await (const _frame of voice.synthesize(/** @type {string} */ (sentences[i % sentences.length])))
      void _frame;
    synthesis.push(performance.now() - started);
    process.stderr.write('.');
  }
  delay.disable();
  await voice.close();
  process.stderr.write('\n');
  const block = delay.max / 1e6;

  const chromiumPath = process.env.LESSON_CHROMIUM || '/usr/bin/chromium';
  const { findServer } = await builtKit(outdir, 'room/server');
  const binary = findServer();
  const { existsSync } = await import('node:fs');
  /** When each step of a page's opening ended (ms), a list a page: see phasesInPage. */
  /** @type {[string, number | undefined][][]} */
  const phases = [];
  if (!binary || !existsSync(chromiumPath)) {
    console.error('playground: no livekit-server or no Chromium; page figures skipped');
    return { opens: [], lost: 0, synthesis, block, phases };
  }
  const { startRoomLesson } = await builtKit(outdir, 'room/room-lesson');
  const { startPlayground } = await builtKit(outdir, 'web/playground-server');
  const { createRequire } = await import('node:module');
  const { chromium } = createRequire(join(root, 'packages/kit/package.json'))('playwright-core');
  const lesson = await startRoomLesson({
    serverBinary: binary,
    lessonName: 'greeting',
    agentModule: `${outdir}/examples/greeting/src/main.mjs`,
    jobEntry: `${outdir}/packages/kit/src/room/job-entry.mjs`,
  });
  const page = await startPlayground({
    roomLesson: lesson,
    lesson: { name: 'greeting', title: 'greeting' },
    user: 'Bench',
    scenes: [],
    sink: () => {},
  });
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--disable-gpu', '--autoplay-policy=no-user-gesture-required'],
  });
  /** @type {number[]} */
  const opens = [];
  let lost = 0;
  try {
    process.stderr.write('playground: page open to first agent speech: ');
    for (let i = 0; i < Number(process.env.LESSON_BENCH_JOINS ?? 10); i++) {
      const tab = await browser.newPage();
      const started = performance.now();
      await tab.goto(page.url);
      // Speech: the inbound audio's energy rising at a level above -40 dBFS (as the browser test measures).
      const heard = await tab
        .waitForFunction(
          `(() => { const e = window.playground?.energy ?? []; for (let i = 1; i < e.length; i++) {
             const p = (e[i].energy - e[i - 1].energy) / ((e[i].t - e[i - 1].t) / 1000);
             if (p > 0 && Math.sqrt(p) > 0.01) return true; } return false; })()`,
          undefined,
          { timeout: 30_000, polling: 20 },
        )
        .then(
          () => true,
          () => false,
        );
      if (heard) {
        opens.push(performance.now() - started);
        phases.push(await tab.evaluate(phasesInPage()));
      } else lost += 1;
      process.stderr.write(heard ? '.' : 'x');
      await tab.close();
    }
    process.stderr.write('\n');
  } finally {
    await browser.close();
    await page.close();
    await lesson.stop();
  }
  return { opens, lost, synthesis, block, phases };
}

/**
 * Runs in the page once it has heard the agent: when each step from the page's opening to that
 * speech ended, in ms from the navigation's start (the page's marks, and its events' times, which
 * count from its join mark).
 */
function phasesInPage() {
  return `(() => {
  const p = window.playground;
  const mark = (name) => performance.getEntriesByName(name)[0]?.startTime;
  const join = mark('lessons:join');
  const event = (test) => { const e = p.events.find(test); return e ? join + e.t : undefined; };
  let heard;
  for (let i = 1; i < p.energy.length && heard === undefined; i++) {
    const [a, b] = [p.energy[i - 1], p.energy[i]];
    const power = (b.energy - a.energy) / ((b.t - a.t) / 1000);
    if (power > 0 && Math.sqrt(power) > 0.01) heard = join + a.t;
  }
  return [
    ['page loaded (script running)', join],
    ['room, token and dispatch from the kit', mark('lessons:token')],
    ['connected to livekit-server', mark('lessons:connected')],
    ['agent joined the room', event((e) => e.type === 'room' && e.event === 'participant_joined')],
    ['onEnter ran (its trace arrived)', event((e) => e.type === 'hook' && e.hook === 'onEnter')],
    ['speech created', event((e) => e.type === 'speech' && e.event === 'created')],
    ['agent speaking (first synthesis played)', event((e) => e.type === 'agent_state' && e.state === 'speaking')],
    ['speech heard (audio energy, 100 ms samples)', heard],
  ];
})()`;
}
