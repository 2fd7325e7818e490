// pnpm bench --soak: are agents ever lost? Joins in a row on one worker (LESSON_BENCH_SOAK_JOINS=50), then
// rounds of every lesson at once, each its own `pnpm lesson <name> --mode local` process with its
// own server and worker (LESSON_BENCH_SOAK_ROUNDS=10). A join is lost when no agent has said a word
// 30 s after the learner joined; a lesson is lost when its agent never joined or it exited non-zero.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { builtKit } from './built-kit.mjs';

const root = resolve(import.meta.dirname, '..');
const joins = Number(process.env.LESSON_BENCH_SOAK_JOINS ?? 50);
const rounds = Number(process.env.LESSON_BENCH_SOAK_ROUNDS ?? 10);

const { build } = await import('../packages/kit/bin/build.mjs');
const { outdir } = await build();
const { findServer } = await builtKit(outdir, 'room/server');
if (!findServer()) {
  console.error('soak: no livekit-server (pnpm server:install)');
  process.exit(1);
}

/** Joins in a row on one worker: how many got no agent, and the slowest first words. */
async function joinsInARow() {
  const { startRoomLesson } = await builtKit(outdir, 'room/room-lesson');
  const lesson = await startRoomLesson({
    serverBinary: findServer(),
    lessonName: 'greeting',
    agentModule: `${outdir}/examples/greeting/src/main.mjs`,
    jobEntry: `${outdir}/packages/kit/src/room/job-entry.mjs`,
  });
  const times = [];
  let lost = 0;
  process.stderr.write(`soak: ${joins} joins in a row on one worker: `);
  try {
    for (let i = 0; i < joins; i++) {
      const { learner } = await lesson.open(`Soak${i}`, () => {});
      const joinedAt = performance.now();
      while (learner.firstTranscriptAt === undefined && performance.now() - joinedAt < 30_000) {
        await new Promise((r) => setTimeout(r, 10));
      }
      await learner.leave();
      if (learner.firstTranscriptAt === undefined) lost += 1;
      else times.push(learner.firstTranscriptAt - joinedAt);
      process.stderr.write(learner.firstTranscriptAt === undefined ? 'x' : '.');
    }
  } finally {
    process.stderr.write('\n');
    await lesson.stop();
  }
  return { lost, slowest: Math.max(...times) };
}

/**
 * One lesson as a learner runs it, scripted: did its agent join, and did it exit 0?
 *
 * @param {string} name
 * @returns {Promise<{ name: string, code: number | null, joined: boolean, said: string }>}
 */
function runLesson(name) {
  return new Promise((done) => {
    const child = spawn('node', ['packages/kit/bin/lesson.mjs', name, '--mode', 'local', '--json'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => {
      const said = err.trim().split('\n').filter(Boolean).at(-1) ?? '';
      done({ name, code, joined: out.includes('"event":"participant_joined"'), said });
    });
  });
}

const lessons = readdirSync(join(root, 'examples')).filter((n) => !n.startsWith('.'));
const inARow = await joinsInARow();
let lostLessons = 0;
/** @type {string[]} */
const failed = [];
for (let round = 1; round <= rounds; round++) {
  process.stderr.write(`soak: round ${round} of ${rounds}, ${lessons.length} lessons at once… `);
  const results = await Promise.all(lessons.map(runLesson));
  const bad = results.filter((r) => !r.joined || r.code !== 0);
  lostLessons += results.filter((r) => !r.joined).length;
  failed.push(
    ...bad.map(
      (r) =>
        `round ${round}: ${r.name} (exit ${r.code}${r.joined ? '' : ', no agent'}${r.said && `: ${r.said}`})`,
    ),
  );
  process.stderr.write(bad.length ? `${bad.length} failed\n` : 'all joined, all exit 0\n');
}
console.log(
  `joins in a row: ${inARow.lost} lost of ${joins} (slowest first words ${(inARow.slowest / 1000).toFixed(2)} s)`,
);
console.log(
  `lessons at once: ${lostLessons} agents lost of ${rounds * lessons.length}; failed runs: ${failed.length}`,
);
for (const line of failed) console.log(`  ${line}`);
process.exit(inARow.lost || failed.length ? 1 : 0);
