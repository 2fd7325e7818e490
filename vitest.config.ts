import { defineConfig } from 'vitest/config';

// `pnpm test`: every workspace's tests in one vitest run. Test files share a worker's module
// cache (isolate: false), so the framework loads once per worker rather than once per file;
// every test builds its own session, so nothing else is shared.
//
// Two groups, one after the other: the crowd (ten learners' processes on one server, each loading
// the framework) fills both cores for a minute and a half, and beside it a three-second lesson
// can take thirty; so it runs alone, after the rest.
const CROWD = ['packages/kit/src/workshop/workshop.process.test.ts'];
// Compiles the lessons and starts the livekit-server the room tests share (each group its own).
const globalSetup = ['packages/kit/src/testing/global-setup.ts'];

export default defineConfig({
  test: {
    isolate: false,
    // In CI, also a JSON report, from which .ci/run prints its one-line summary.
    // (A command-line --reporter/--outputFile, as `pnpm lesson <name> --check` gives, replaces both.)
    reporters: process.env.CI ? ['default', 'json'] : ['default'],
    outputFile: { json: 'test-results/vitest.json' },
    projects: [
      {
        extends: true,
        test: {
          name: 'lessons',
          include: [
            'packages/*/src/**/*.test.ts',
            'examples/*/src/**/*.test.ts',
            'scripts/**/*.test.ts',
            'docs/**/*.test.ts',
          ],
          exclude: ['**/node_modules/**', ...CROWD],
          // Room tests mostly wait on real time (speech is paced like speech), so run more files than cores.
          maxWorkers: 3,
          sequence: { groupOrder: 0 },
          globalSetup,
        },
      },
      { extends: true, test: { name: 'crowd', include: CROWD, sequence: { groupOrder: 1 }, globalSetup } },
    ],
  },
});
