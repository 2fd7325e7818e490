import { defineConfig } from 'vitest/config';

// The tests in tiers, one vitest project each, named by what a test file needs (its name says which):
//
//   offline   everything else: in-process tests, nothing needed. The default; seconds.
//   faults    *.process.test.ts: the commands run as real processes (signals, exits, bad input,
//             modes, --check and --exercise, every lesson's demo). Their stages in a room skip,
//             loudly, without a livekit-server.
//   room      *.room.test.ts: real rooms on a local livekit-server (nothing to do without one).
//   browser   *.browser.test.ts: Chromium (LESSON_CHROMIUM, else /usr/bin/chromium), and a server.
//   workshop  packages/kit/src/workshop/workshop.process.test.ts: the crowd, ten learners' processes
//             on one server, each loading the framework. It fills both cores for a minute and a half,
//             and beside it a three-second lesson can take thirty; so it runs alone, after the rest.
//
// `pnpm test` (scripts/test.mjs) runs every tier this machine can run, in one vitest, and names the
// ones it skips; `pnpm test:<tier>` runs one (vitest run --project <tier>).
//
// Test files share a worker's module cache (isolate: false), so the framework loads once per
// worker rather than once per file; every test builds its own session, so nothing else is shared.
const WORKSHOP = ['packages/kit/src/workshop/workshop.process.test.ts'];
const everywhere = ['packages/*/src/**/', 'examples/*/src/**/', 'scripts/**/', 'docs/**/'];
const files = (suffix: string) => everywhere.map((dir) => `${dir}*${suffix}`);
// The offline tier compiles the lessons (the stand-in voice's test runs the built synthesis
// process) and starts no server; the others also start the livekit-server the tiers of a group share.
const offlineSetup = ['packages/kit/src/testing/build-setup.ts'];
const serverSetup = ['packages/kit/src/testing/global-setup.ts'];

export default defineConfig({
  test: {
    isolate: false,
    exclude: ['**/node_modules/**'],
    // In CI, also a JSON report, from which .ci/run prints its one-line summary.
    // (A command-line --reporter/--outputFile, as `pnpm lesson <name> --check` gives, replaces both.)
    reporters: process.env.CI ? ['default', 'json'] : ['default'],
    outputFile: { json: 'test-results/vitest.json' },
    projects: [
      // First, on its own: the quick answer.
      {
        extends: true,
        test: {
          name: 'offline',
          include: files('.test.ts'),
          exclude: [
            '**/node_modules/**',
            ...files('.process.test.ts'),
            ...files('.room.test.ts'),
            ...files('.browser.test.ts'),
          ],
          maxWorkers: 3,
          sequence: { groupOrder: 0 },
          globalSetup: offlineSetup,
        },
      },
      // Then faults, room and browser, one after another (together they ran nine files at once on
      // two cores, load 30: the load at which a job process has taken over a minute to start).
      // Within a tier, three files at once: room tests mostly wait on real time (speech is paced
      // like speech), so more files than cores.
      {
        extends: true,
        test: {
          name: 'faults',
          include: files('.process.test.ts'),
          exclude: ['**/node_modules/**', ...WORKSHOP],
          maxWorkers: 3,
          sequence: { groupOrder: 1 },
          globalSetup: serverSetup,
        },
      },
      {
        extends: true,
        test: {
          name: 'room',
          include: files('.room.test.ts'),
          maxWorkers: 3,
          sequence: { groupOrder: 2 },
          globalSetup: serverSetup,
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: files('.browser.test.ts'),
          maxWorkers: 3,
          sequence: { groupOrder: 3 },
          globalSetup: serverSetup,
        },
      },
      // Last, alone, on a server of its own.
      {
        extends: true,
        test: { name: 'workshop', include: WORKSHOP, sequence: { groupOrder: 4 }, globalSetup: serverSetup },
      },
    ],
  },
});
