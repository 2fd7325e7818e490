#!/usr/bin/env node
// `pnpm lesson` starts here. The kit and the lessons run as JavaScript compiled by esbuild
// (tens of milliseconds, redone only when a source file changed), because loading the
// framework through a TypeScript loader hook costs half a second more on every run.
import { existsSync, readFileSync } from 'node:fs';
import { inspect } from 'node:util';
import { build } from './build.mjs';
import { supervise } from './supervise.mjs';

await supervise(import.meta.filename);

// `pnpm lesson greeting | head -1`: the reader has stopped reading. Stop too, quietly (exit 0, as
// the reader chose it), rather than print a write EPIPE stack trace. The exit handlers still end
// any server or worker this process started.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
}

let code;
try {
  const { outdir } = await build();
  const { main } = await import(`${outdir}/packages/kit/src/cli/cli.mjs`);
  code = await main(process.argv.slice(2), {
    stdin: process.stdin,
    loadLesson: async (lesson) => {
      const base = `${outdir}/examples/${lesson.name}/src`;
      const [agentModule, scriptModule] = await Promise.all([
        import(`${base}/agent.mjs`),
        import(`${base}/script.mjs`),
      ]);
      return { agentModule, script: scriptModule.default };
    },
    // --exercise: the learner's src/exercise.ts (or the solution, or a cheat) as the agent module,
    // and the exercise's stand-in from src/exercise.script.ts, made for that module.
    loadExercise: async (lesson, file) => {
      const base = `${outdir}/examples/${lesson.name}/src`;
      // An exercise that did not compile was left out of the build: show why.
      const broken = existsSync(`${outdir}/broken.json`)
        ? JSON.parse(readFileSync(`${outdir}/broken.json`, 'utf8'))
        : [];
      const mine = broken.filter((e) => e.location?.file === `examples/${lesson.name}/src/${file}.ts`);
      if (mine.length) throw Object.assign(new Error(mine[0].text), { errors: mine });
      const [exerciseModule, scriptModule] = await Promise.all([
        import(`${base}/${file}.mjs`),
        import(`${base}/exercise.script.mjs`),
      ]);
      return { agentModule: exerciseModule, script: scriptModule.default(exerciseModule) };
    },
    // The worker's job runs the lesson's src/main.ts (its defineAgent entry); the job entry traces
    // the agent classes of the src/agent.ts next to it.
    lessonFiles: async (lesson) => ({
      agentModule: `${outdir}/examples/${lesson.name}/src/main.mjs`,
      jobEntry: `${outdir}/packages/kit/src/room/job-entry.mjs`,
    }),
  });
} catch (error) {
  // Something we did not expect: one line, and how to see the rest.
  const compile = error?.errors?.[0];
  if (process.env.LESSON_DEBUG) console.error(redacted(inspect(error)));
  else if (error?.code === 'LESSON_BUILD_UNWRITABLE') console.error(`error: ${error.message}`);
  else if (compile?.location) {
    // A lesson file (an exercise being edited, most likely) does not compile: where, and what.
    const { file, line, column, lineText } = compile.location;
    console.error(
      `error: ${file}:${line}:${column}: ${compile.text}\n  ${line} | ${lineText}\n` +
        `Fix that line, then run the command again.`,
    );
  } else
    console.error(
      `error: ${error?.message ?? error}\n(run again with LESSON_DEBUG=1 to see the stack trace)`,
    );
  code = 1;
}
// Compiled lessons import their packages from the kit's node_modules (the build lives in
// packages/kit/.build), so a package a lesson imports must be a dependency of the kit too.
// The session is closed and its output written: exit now rather than wait for timers the
// framework leaves behind (see DESIGN.md, "Where a lesson's time goes").
process.stdout.write('', () => process.exit(code));

/** A stack trace for LESSON_DEBUG, without credentials: no key or secret, no user:password in a URL. */
function redacted(text) {
  for (const name of ['LIVEKIT_API_KEY', 'LIVEKIT_API_SECRET', 'OPENAI_API_KEY']) {
    const value = process.env[name]?.trim();
    if (value && value.length >= 4) text = text.split(value).join(`<${name}>`);
  }
  return text
    .replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@'"]+@/gi, '$1<credentials>@')
    .replace(/\b(access_token|token)=[^\s&'"]+/gi, '$1=<token>');
}
