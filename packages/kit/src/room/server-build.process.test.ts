// The first --mode local run builds livekit-server: what the learner is told, before, during and
// after, and when they press Ctrl+C. A stand-in `go` on PATH plays the build (never a real one).
import { spawn } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { repoRoot } from '../lesson/catalogue.js';
import { ensureServer } from './server.js';
import {
  gone,
  serverBinaryOrNone,
  spawnInTerminal,
  until,
  writeStandInGoWithLateWriter,
} from '../testing/processes.js';

// A livekit-server to copy as the fake build's output, if there is one.
const serverBinary = serverBinaryOrNone();

const scratch = mkdtempSync(join(tmpdir(), 'fake-go-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

// `go version` answers; `go install -v …` prints three packages, then waits FAKE_GO_SLEEP
// seconds, then "installs" FAKE_GO_BINARY (a link to a real server) or fails.
writeFileSync(
  join(scratch, 'go'),
  `#!/bin/sh
if [ "$1" = version ]; then echo "go version go1.99 stand-in"; exit 0; fi
echo $$ > "$FAKE_GO_PID"
for p in one two three; do echo "github.com/stand-in/$p" >&2; done
if [ -n "$FAKE_GO_SLEEP" ] && [ -z "$FAKE_GO_BINARY" ]; then exec sleep "$FAKE_GO_SLEEP"; fi
sleep "\${FAKE_GO_SLEEP:-0}"
if [ -n "$FAKE_GO_BINARY" ]; then mkdir -p "$GOBIN" && ln -s "$FAKE_GO_BINARY" "$GOBIN/server" && exit 0; fi
echo "stand-in go: build failed" >&2
exit 1
`,
);
chmodSync(join(scratch, 'go'), 0o755);

let runs = 0;
/** `pnpm lesson greeting --mode local` with no server anywhere, and the stand-in go first on PATH. */
function firstLocalRun(extraArgs: string[], env: NodeJS.ProcessEnv, { tty = false } = {}) {
  const run = ++runs;
  const clean = { ...process.env };
  delete clean.LIVEKIT_SERVER_BIN;
  const command = ['node', 'packages/kit/bin/lesson.mjs', 'greeting', '--mode', 'local', ...extraArgs];
  const options = {
    cwd: repoRoot(),
    stdio: ['pipe', 'pipe', 'pipe'] as ('pipe' | 'ignore')[],
    env: {
      ...clean,
      NO_COLOR: '1',
      PATH: `${scratch}:${process.env.PATH}`,
      LESSON_SERVER_CACHE: join(scratch, `cache-${run}`),
      FAKE_GO_PID: join(scratch, `go-${run}.pid`),
      ...env,
    },
  };
  const child = tty
    ? spawnInTerminal(command.join(' '), options)
    : spawn(command[0]!, command.slice(1), options);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const done = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return { child, done, out: () => ({ stdout, stderr }), pidFile: join(scratch, `go-${run}.pid`) };
}

/** Running (a zombie nobody has reaped yet is not: here PID 1 may never reap it). */
const alive = (pid: number) => !gone(pid);

describe.concurrent('building livekit-server on first use', { timeout: 60_000 }, () => {
  it('says the cost before it starts, and a failed build is a clear error on its own line', async () => {
    const run = firstLocalRun([], {}, { tty: true });
    const code = await run.done;
    const { stdout } = run.out(); // script(1) merges the terminal's output
    expect(code).toBe(1);
    const announce = stdout.indexOf('No livekit-server found: building it');
    expect(announce).toBeGreaterThanOrEqual(0);
    expect(stdout).toMatch(/about 4 minutes and about 1 GB of Go build cache/);
    expect(announce).toBeLessThan(stdout.indexOf('stand-in/one'));
    // The progress line is rewritten in place; the error starts on a line of its own.
    expect(stdout).toMatch(/stand-in\/three/);
    expect(stdout).toMatch(/build failed\r?\n(\r\x1b\[K)?error: go install /);
    expect(stdout).not.toMatch(/started greeting|\n\s+at /);
  });

  it('Ctrl+C mid-build: one clear line, exit 130, and go stopped', async () => {
    const run = firstLocalRun([], { FAKE_GO_SLEEP: '30' });
    while (!existsSync(run.pidFile) || !run.out().stderr.includes('No livekit-server found'))
      await new Promise((resolve) => setTimeout(resolve, 50));
    const goPid = Number(readFileSync(run.pidFile, 'utf8'));
    run.child.kill('SIGINT');
    expect(await run.done).toBe(130);
    const { stdout, stderr } = run.out();
    expect(stdout).toBe('');
    expect(stderr).toMatch(
      /\nCtrl\+C: the livekit-server build stopped after \d+ s\. What Go compiled so far stays in its cache; to finish: pnpm server:install/,
    );
    expect(stderr).not.toMatch(/ELIFECYCLE|\n\s+at /);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(alive(goPid)).toBe(false);
  });

  it.skipIf(!serverBinary)("the lesson's clock starts after the build", async () => {
    const run = firstLocalRun(['--json'], { FAKE_GO_SLEEP: '3', FAKE_GO_BINARY: serverBinary! });
    while (!run.out().stdout.includes('\n')) {
      if (run.child.exitCode !== null) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    run.child.kill('SIGTERM');
    await run.done;
    const { stdout, stderr } = run.out();
    expect(stderr).toMatch(/livekit-server built in \d+ s/);
    const start = JSON.parse(stdout.split('\n')[0]!);
    expect(start).toMatchObject({ type: 'start', mode: 'local' });
    expect(start.t).toBeLessThan(3000); // the build alone took 3 s
  });
});

describe('a build stopped mid-way', { timeout: 60_000 }, () => {
  it("removes Go's work folder only once what go started has ended (one still running wrote it back)", async () => {
    const bin = mkdtempSync(join(scratch, 'bin-'));
    writeStandInGoWithLateWriter(bin);
    const cache = mkdtempSync(join(scratch, 'cache-stopped-'));
    vi.stubEnv('PATH', `${bin}:/usr/bin:/bin`);
    vi.stubEnv('LESSON_SERVER_CACHE', cache);
    vi.stubEnv('LIVEKIT_SERVER_BIN', '');
    try {
      const stop = new AbortController();
      const build = ensureServer(() => {}, stop.signal);
      const goTemp = join(cache, 'go-tmp');
      const started = () =>
        existsSync(goTemp) && readdirSync(goTemp).some((pid) => existsSync(join(goTemp, pid, 'go-build1')));
      await until(started, 10_000, 'the stand-in go to start');
      stop.abort();
      await expect(build).rejects.toThrow();
      await new Promise((resolve) => setTimeout(resolve, 500)); // time for a late write
      expect(readdirSync(goTemp)).toEqual([]);
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
