#!/usr/bin/env node
// `pnpm lesson` starts here. The kit and the lessons run as JavaScript compiled by esbuild
// (tens of milliseconds, redone only when a source file changed), because loading the
// framework through a TypeScript loader hook costs half a second more on every run.
import { build } from './build.mjs';

let code;
try {
  const { outdir } = await build();
  const { main } = await import(`${outdir}/packages/kit/src/cli.mjs`);
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
    lessonFiles: async (lesson) => ({
      agentModule: `${outdir}/examples/${lesson.name}/src/agent.mjs`,
      jobEntry: `${outdir}/packages/kit/src/room/job-entry.mjs`,
    }),
  });
} catch (error) {
  // Something we did not expect: one line, and how to see the rest.
  if (process.env.LESSON_DEBUG) console.error(error);
  else
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
