#!/usr/bin/env node
// @ts-check
// The hook timeline of every lesson, drawn by the kit's renderTimeline into
// docs/public/timelines/<name>.svg, which each lesson page shows under its title. The pictures
// are drawn from recorded real runs, docs/timelines/<name>.json (`pnpm lesson <name> --json`, its
// scripted demo: offline, or `--mode local` where the room is the point), not from a run at build time: a run's times depend on how busy the
// machine is, and two builds must draw the same pictures. A test plays each lesson and fails when
// what happens (the hooks, tools, job calls and lines, in order) no longer matches its recording.
// `pnpm docs:build` and `pnpm docs:dev` run this first.
//
//   node docs/scripts/timelines.mjs                   draw every lesson from its recording
//   node docs/scripts/timelines.mjs --record [name…]  run the lessons (all, or those named) and record them
//                                                     (the lessons that need a room, in a local one)
//
// Plain Node. The kit is used as `pnpm lesson` uses it: compiled by packages/kit/bin/build.mjs.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from '../../packages/kit/bin/build.mjs';
import { builtKit } from '../../scripts/built-kit.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const outDir = join(root, 'docs', 'public', 'timelines');
const recordings = join(root, 'docs', 'timelines');
// Generous: after-the-call waits out the user going quiet, and a loaded machine is slow.
const TIMEOUT_MS = 150_000;

/** @typedef {import('../../packages/kit/src/trace/events.js').TimedEvent} TimedEvent */

/**
 * Where a lesson's recorded run is kept (tracked: the pictures are drawn from it).
 *
 * @param {string} name
 */
export const recordingOf = (name) => join(recordings, `${name}.json`);

/** The lessons, in catalogue order: each examples/<name>/package.json with a "lesson" field. */
export function lessons() {
  const dir = join(root, 'examples');
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(dir, entry.name, 'package.json')))
    .map((entry) => ({
      name: entry.name,
      lesson: JSON.parse(readFileSync(join(dir, entry.name, 'package.json'), 'utf8')).lesson,
    }))
    .filter(({ lesson }) => lesson)
    .sort((a, b) => a.lesson.order - b.lesson.order)
    .map(({ name, lesson }) => ({ name, title: lesson.title, inRoom: Boolean(lesson.needsRoom) }));
}

/**
 * Run one lesson's scripted demo with --json and return its events: offline, or in a local room
 * (a livekit-server on loopback) for the lessons whose point is the room.
 *
 * @param {string} name
 * @param {{ inRoom?: boolean }} [options]
 * @returns {Promise<TimedEvent[]>}
 */
export function runLesson(name, { inRoom = false } = {}) {
  const args = ['packages/kit/bin/lesson.mjs', name, '--json', ...(inRoom ? ['--mode', 'local'] : [])];
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'], // no terminal on stdin: the scripted demo, as with </dev/null
      env: { ...process.env, FORCE_COLOR: '0' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGTERM'), TIMEOUT_MS);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const why = signal ? `was stopped by ${signal}` : `exited with ${code}`;
      if (code !== 0)
        return reject(new Error(`pnpm lesson ${args.slice(1).join(' ')} ${why}\n${stderr.trim()}`));
      /** @type {TimedEvent[]} */
      const events = [];
      for (const [index, line] of stdout.split('\n').entries()) {
        if (!line.trim()) continue;
        try {
          events.push(JSON.parse(line));
        } catch {
          return reject(new Error(`pnpm lesson ${name} --json, line ${index + 1} is not JSON: ${line}`));
        }
      }
      const types = new Set(events.map((event) => event.type));
      if (!types.has('start') || !types.has('close'))
        return reject(new Error(`pnpm lesson ${name} --json printed no start or no close event`));
      resolvePromise(events);
    });
  });
}

/**
 * The typed lines that one user turn swallowed together, if any. The offline runner types the
 * demo's next line once the agent is quiet; on a loaded machine a line can come before the turn
 * of the one before has been committed, and both become one turn: a real run, but not the demo
 * the lesson page describes.
 *
 * @param {TimedEvent[]} events
 * @returns {string[] | undefined}
 */
export function mergedTurn(events) {
  const typed = [...new Set(events.filter((e) => e.type === 'input').map((e) => e.text))];
  for (const event of events) {
    const text =
      event.type === 'message' && event.role === 'user'
        ? event.text
        : event.type === 'hook' && typeof event.message === 'string'
          ? event.message
          : undefined;
    if (text === undefined) continue;
    const inside = typed.filter((line) => text.includes(line));
    if (inside.length > 1) return inside;
  }
  return undefined;
}

/** How finely the pictures show time: finer than this is how busy the machine was. */
export const TIME_STEP_MS = 100;

/**
 * Each event's time on its scene's own clock (from the scene's first event after its heading, or
 * the run's first event after `start`), rounded to TIME_STEP_MS. The process's start-up (seconds
 * on a loaded machine) is then in no picture, and two builds draw the same times.
 *
 * @param {TimedEvent[]} events
 * @returns {TimedEvent[]}
 */
export function sceneTimes(events) {
  let zero = 0; // set from the first event after each heading (the first event counts as after one)
  let afterHeading = true;
  return events.map((event) => {
    if (event.type === 'start' || event.type === 'scene') {
      afterHeading = true;
      return { ...event, t: 0 };
    }
    if (afterHeading) {
      zero = event.t;
      afterHeading = false;
    }
    return { ...event, t: Math.round((event.t - zero) / TIME_STEP_MS) * TIME_STEP_MS };
  });
}

/**
 * Run a lesson until its typed lines stay apart (three tries), and return the events.
 *
 * @param {string} name
 * @param {{ inRoom?: boolean }} [options]
 */
export async function runDemo(name, options) {
  for (let attempt = 1; ; attempt++) {
    const events = await runLesson(name, options);
    const merged = mergedTurn(events);
    if (!merged) return events;
    const lines = merged.map((line) => JSON.stringify(line)).join(' and ');
    if (attempt === 3) {
      console.warn(`timelines: ${name}: ${lines} became one user turn in 3 runs out of 3; drawing the last`);
      return events;
    }
    console.warn(`timelines: ${name}: ${lines} became one user turn (a busy machine?); running it again`);
  }
}

/**
 * What a run shows, without its timing: per scene, the hooks, tools, job calls, after-the-call
 * steps and the close in their order (the lesson's code sequences these), and the lines said and
 * typed (a line cut off by an interruption counts as "interrupted", as how far it got is timing),
 * and what the room did. The order between a line and a hook is left out: on a busy machine
 * those can swap.
 *
 * @param {TimedEvent[]} events
 */
export function storyOf(events) {
  /** @typedef {{ title: string, steps: string[], lines: string[] }} Scene */
  /** @type {Scene[]} */
  const scenes = [];
  /** @type {Scene | undefined} */
  let scene;
  let inRoom = false;
  for (const e of events) {
    if (e.type === 'start') inRoom = e.room !== 'none';
    if (e.type === 'start' || e.type === 'scene') {
      scene = { title: e.type === 'scene' ? e.title : '', steps: [], lines: [] };
      scenes.push(scene);
      continue;
    }
    if (!scene) continue;
    const step =
      e.type === 'hook'
        ? `hook ${e.agent}.${e.hook}`
        : e.type === 'tool'
          ? `tool ${e.agent}.${e.name}`
          : e.type === 'job'
            ? `job ${e.call}`
            : e.type === 'after'
              ? `after ${e.step} ${e.name ?? ''}`.trim()
              : e.type === 'close'
                ? `close ${e.reason}`
                : undefined;
    if (step) scene.steps.push(step);
    if (e.type === 'input') scene.lines.push(`you: ${e.text}`);
    // What the room did, without who (identities and room names are new each run). Who joined
    // and left is left out: as a room is deleted, the agent's leaving may reach the learner
    // before or after the learner's own disconnection, or not at all.
    if (e.type === 'room' && !['connected', 'participant_joined', 'participant_left'].includes(e.event))
      scene.lines.push(['room', e.event, e.exists, e.reason].filter((v) => v !== undefined).join(' '));
    // In a room, a reply cut off as the room goes arrives in part, or not at all, as timing has
    // it (the hasty line's goodbye: "Glad" in one run, nothing in the next): left out. The
    // lesson's room test checks that it is cut off.
    if (e.type === 'message' && e.role === 'assistant' && !(inRoom && e.interrupted))
      scene.lines.push(`${e.agent}: ${e.interrupted ? '(interrupted)' : e.text}`);
  }
  for (const s of scenes) s.lines.sort();
  return scenes;
}

/** @param {ReturnType<typeof lessons>} chosen */
async function record(chosen) {
  mkdirSync(recordings, { recursive: true });
  const queue = [...chosen];
  // Two at a time: a lesson mostly waits (speech is paced like speech).
  const worker = async () => {
    for (let lesson = queue.shift(); lesson; lesson = queue.shift()) {
      const { name, inRoom } = lesson;
      const events = sceneTimes(await runDemo(name, { inRoom }));
      // One event a line: a re-recording reads as a diff of what changed.
      writeFileSync(recordingOf(name), `[\n${events.map((e) => JSON.stringify(e)).join(',\n')}\n]\n`);
      console.log(
        `timelines: recorded docs/timelines/${name}.json (${events.length} events${inRoom ? ', in a local room' : ''})`,
      );
    }
  };
  await Promise.all([worker(), worker()]);
}

/** @param {string[]} args */
async function main(args) {
  const all = lessons();
  if (args.includes('--help')) {
    console.log(
      'Usage: node docs/scripts/timelines.mjs [--record [lesson…]]\n' +
        '  Draws docs/public/timelines/<lesson>.svg from the recorded runs in docs/timelines/.\n' +
        '  --record  runs the lessons (all, or those named) offline and records them first.',
    );
    return 0;
  }
  if (args.includes('--record')) {
    const named = args.filter((a) => !a.startsWith('--'));
    const unknown = named.filter((name) => !all.some((l) => l.name === name));
    if (unknown.length) {
      console.error(
        `timelines: no lesson named ${unknown.join(', ')}; the lessons: ${all.map((l) => l.name).join(', ')}`,
      );
      return 2;
    }
    await record(named.length ? all.filter((l) => named.includes(l.name)) : all);
  }
  const missing = all.filter(({ name }) => !existsSync(recordingOf(name))).map((l) => l.name);
  if (missing.length) {
    console.error(
      `timelines: no recorded run for ${missing.join(', ')}: run pnpm docs:timelines --record ${missing.join(' ')}`,
    );
    return 1;
  }
  const { outdir } = await build();
  const { renderTimeline } = await builtKit(outdir, 'render/timeline/timeline');
  mkdirSync(outDir, { recursive: true });
  for (const { name, title } of all) {
    const events = JSON.parse(readFileSync(recordingOf(name), 'utf8'));
    const file = join(outDir, `${name}.svg`);
    writeFileSync(`${file}.tmp`, renderTimeline(events, { title: `Hook timeline: ${title}` }));
    renameSync(`${file}.tmp`, file);
  }
  console.log(`timelines: ${all.length} drawn into docs/public/timelines/ from docs/timelines/*.json`);
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (error) => {
      console.error(`timelines: ${error.message}`);
      process.exitCode = 1;
    },
  );
}
