#!/usr/bin/env node
// `pnpm workshop` starts here: the instructor's commands (server, status). Supervised as a lesson
// is (bin/supervise.mjs), so the livekit-server it starts never outlives it, however it ends.
import { build } from './build.mjs';
import { supervise } from './supervise.mjs';

await supervise(import.meta.filename);
let code;
try {
  const { outdir } = await build();
  const { main } = await import(`${outdir}/packages/kit/src/cli/workshop.mjs`);
  code = await main(process.argv.slice(2));
} catch (error) {
  if (process.env.LESSON_DEBUG) console.error(error);
  else
    console.error(
      `error: ${error?.message ?? error}\n(run again with LESSON_DEBUG=1 to see the stack trace)`,
    );
  code = 1;
}
process.stdout.write('', () => process.exit(code));
