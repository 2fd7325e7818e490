#!/usr/bin/env node
// `pnpm run doctor` starts here (`pnpm doctor` is pnpm's own command): compile the kit as
// `pnpm lesson` does, then run its checks. When even that fails (no dependencies installed, most
// often), say so with what can be checked without them.
import { supervise } from './supervise.mjs';

await supervise(import.meta.filename);
let code;
try {
  const { build } = await import('./build.mjs');
  const { outdir } = await build();
  const { main } = await import(`${outdir}/packages/kit/src/cli/doctor.mjs`);
  code = await main();
} catch (error) {
  if (process.env.LESSON_DEBUG) console.error(error);
  const [major, minor] = process.versions.node.split('.').map(Number);
  const nodeOk = major > 20 || (major === 20 && minor >= 19);
  const compile = error?.errors?.[0];
  console.log('pnpm run doctor: is this machine ready for the lessons?');
  console.log(
    nodeOk
      ? `  ✓ Node.js ${process.versions.node} (the lessons need 20.19 or newer)`
      : `  ✗ Node.js ${process.versions.node} is too old: the lessons need 20.19 or newer. Fix: install Node.js 20 (20.19 or newer) from https://nodejs.org`,
  );
  if (compile?.location) {
    const { file, line, column } = compile.location;
    console.log(`  ✗ the lessons do not compile: ${file}:${line}:${column}: ${compile.text}. Fix: that line`);
  } else {
    console.log(
      `  ✗ the kit could not start (${String(error?.message ?? error).split('\n')[0]}). ` +
        'Fix: run pnpm install at the repository root',
    );
  }
  console.log('\nNot ready: fix what is marked ✗, then run it again: pnpm run doctor');
  code = 1;
}
// Loading the framework leaves timers behind: exit once the report is written.
process.stdout.write('', () => process.exit(code));
