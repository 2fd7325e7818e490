// A setup file of --check --watch's vitest. The next check's worker starts as soon as the last
// check ends, loads the framework, and waits here for the save: so a re-check no longer pays for
// a worker start and the framework's import (most of a second) after the learner saves.
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.env.LESSON_WATCH_GO;
if (dir) {
  await import('@lessons/kit/testing'); // the framework, and the kit's test helpers
  const parent = process.ppid;
  for (;;) {
    if (existsSync(join(dir, 'go'))) break;
    // The watch is stopping: end this run at once rather than keep vitest's close() waiting.
    if (existsSync(join(dir, 'stop'))) throw new Error('the watch stopped');
    // The watch is gone without a word (killed): leave no process behind.
    if (process.ppid !== parent || !existsSync(dir)) process.exit(0);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  rmSync(join(dir, 'go'), { force: true });
}
