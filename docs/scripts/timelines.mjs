#!/usr/bin/env node
// The hook timeline of every lesson, from a real run: `pnpm lesson <name> --json` (its scripted
// demo, offline), drawn by the kit's renderTimeline into docs/public/timelines/<name>.svg, which
// each lesson page shows under its title. `pnpm docs:build` and `pnpm docs:dev` run this first.
//
//   node docs/scripts/timelines.mjs           run the lessons whose sources changed since the last time
//   node docs/scripts/timelines.mjs --force   run them all
//
// Plain Node. The kit is used as `pnpm lesson` uses it: compiled by packages/kit/bin/build.mjs.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from '../../packages/kit/bin/build.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const outDir = join(root, 'docs', 'public', 'timelines');
// Which build each picture was drawn from, kept out of the published folder.
const stampFile = join(root, 'docs', '.vitepress', 'cache', 'timelines.json');
const TIMEOUT_MS = 60_000;

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
    .map(({ name, lesson }) => ({ name, title: lesson.title }));
}

/** Run one lesson's scripted demo with --json and return its events. */
function runLesson(name) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['packages/kit/bin/lesson.mjs', name, '--json'], {
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
      if (code !== 0) return reject(new Error(`pnpm lesson ${name} --json ${why}\n${stderr.trim()}`));
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
 */
export function sceneTimes(events) {
  let zero;
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

/** Run a lesson until its typed lines stay apart (three tries), and return the events. */
async function runDemo(name) {
  for (let attempt = 1; ; attempt++) {
    const events = await runLesson(name);
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

async function main(args) {
  const force = args.includes('--force');
  const started = Date.now();
  const { outdir } = await build();
  const { renderTimeline } = await import(
    pathToFileURL(join(outdir, 'packages', 'kit', 'src', 'render', 'timeline', 'timeline.mjs')).href
  );

  // The build's folder is named after the state of the kit's and lessons' sources: the same name,
  // the same code, so the pictures from last time still show what the lessons do.
  const key = basename(outdir);
  const all = lessons();
  const stamp = existsSync(stampFile) ? JSON.parse(readFileSync(stampFile, 'utf8')) : {};
  const todo = all.filter(
    ({ name }) => force || stamp[name] !== key || !existsSync(join(outDir, `${name}.svg`)),
  );
  if (todo.length === 0) {
    console.log(`timelines: ${all.length} up to date in docs/public/timelines/ (--force to redo)`);
    return 0;
  }
  mkdirSync(outDir, { recursive: true });
  mkdirSync(dirname(stampFile), { recursive: true });
  // Two at a time: a lesson mostly waits (speech is paced like speech), and a lesson's timing is
  // part of what its picture shows, so the machine is not crowded further.
  const queue = [...todo];
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const { name, title } = next;
      const events = await runDemo(name);
      const svg = renderTimeline(sceneTimes(events), { title: `Hook timeline: ${title}` });
      const file = join(outDir, `${name}.svg`);
      writeFileSync(`${file}.tmp`, svg);
      renameSync(`${file}.tmp`, file);
      stamp[name] = key;
      console.log(`timelines: docs/public/timelines/${name}.svg (${events.length} events)`);
    }
  };
  await Promise.all([worker(), worker()]);
  writeFileSync(stampFile, `${JSON.stringify(stamp, null, 2)}\n`);
  console.log(`timelines: ${todo.length} drawn in ${((Date.now() - started) / 1000).toFixed(1)} s`);
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
