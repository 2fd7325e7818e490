#!/usr/bin/env node
// `pnpm lesson` starts here. The kit and the lessons run as JavaScript compiled by esbuild
// (tens of milliseconds, redone only when a source file changed), because loading the
// framework through a TypeScript loader hook costs half a second more on every run.
import { build } from './build.mjs';

const { outdir } = await build();
const { main } = await import(`${outdir}/packages/kit/src/cli.mjs`);
const code = await main(process.argv.slice(2), {
  stdin: process.stdin,
  loadLesson: async (lesson) => {
    const base = `${outdir}/examples/${lesson.name}/src`;
    const [agentModule, scriptModule] = await Promise.all([import(`${base}/agent.mjs`), import(`${base}/script.mjs`)]);
    return { agentModule, script: scriptModule.default };
  },
});
// The session is closed and its output written: exit now rather than wait for timers the
// framework leaves behind (see DESIGN.md, "Where a lesson's time goes").
process.stdout.write('', () => process.exit(code));
