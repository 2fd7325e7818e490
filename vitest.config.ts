import { defineConfig } from 'vitest/config';

// `pnpm test`: every workspace's tests in one vitest run. Test files share a worker's module
// cache (isolate: false), so the framework loads once per worker rather than once per file;
// every test builds its own session, so nothing else is shared.
export default defineConfig({
  test: {
    include: [
      'packages/*/src/**/*.test.ts',
      'examples/*/src/**/*.test.ts',
      'scripts/**/*.test.ts',
      'docs/**/*.test.ts',
    ],
    isolate: false,
    // Room tests mostly wait on real time (speech is paced like speech), so run more files than cores.
    maxWorkers: 3,
    // Compiles the lessons and starts the livekit-server the room tests share.
    globalSetup: ['packages/kit/src/testing/global-setup.ts'],
    // In CI, also a JSON report, from which .ci/run prints its one-line summary.
    // (A command-line --reporter/--outputFile, as `pnpm lesson <name> --check` gives, replaces both.)
    reporters: process.env.CI ? ['default', 'json'] : ['default'],
    outputFile: { json: 'test-results/vitest.json' },
  },
});
