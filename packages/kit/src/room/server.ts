// A real livekit-server on loopback: found (LIVEKIT_SERVER_BIN, PATH, the repo's cache) or built
// from its Go module, started on free ports, stopped with the process.
import { freePort } from './free-port.js';
import { spawnServerProcess } from './server-process.js';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { accessSync, constants, existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { repoRoot } from '../lesson/catalogue.js';

/** The release whose go.mod has no `replace` directives, so `go install` accepts it. */
export const SERVER_MODULE = 'github.com/livekit/livekit-server/cmd/server@v1.13.5';

export class ServerUnavailable extends Error {}

/** Where a built server goes: LESSON_SERVER_CACHE, else the repo's git-ignored .cache folder. */
const cacheDir = () => process.env.LESSON_SERVER_CACHE || join(repoRoot(), '.cache', 'livekit-server');
const cachedBinary = () => join(cacheDir(), 'livekit-server');

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Where a server binary is, without building one: LIVEKIT_SERVER_BIN, PATH, then the cache. */
export function findServer(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.LIVEKIT_SERVER_BIN) {
    if (!executable(env.LIVEKIT_SERVER_BIN)) {
      throw new ServerUnavailable(`LIVEKIT_SERVER_BIN=${env.LIVEKIT_SERVER_BIN} is not an executable file.`);
    }
    return env.LIVEKIT_SERVER_BIN;
  }
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir && executable(join(dir, 'livekit-server'))) return join(dir, 'livekit-server');
  }
  return executable(cachedBinary()) ? cachedBinary() : undefined;
}

export function goAvailable(): boolean {
  return spawnSync('go', ['version'], { stdio: 'ignore' }).status === 0;
}

export const NO_SERVER_HELP =
  'No livekit-server found, and no Go toolchain to build one. Any of these works:\n' +
  '  - install Go (https://go.dev/dl/), then: pnpm server:install\n' +
  '  - Homebrew: brew install livekit\n' +
  "  - LiveKit's install script (https://docs.livekit.io/home/self-hosting/local/)\n" +
  '  - set LIVEKIT_SERVER_BIN to a livekit-server binary you have\n' +
  '  - or skip the local server: --mode live with a LiveKit Cloud project';

/**
 * Find the server, or build it with `go install` into the repo's git-ignored .cache folder.
 * `progress` gets a line per package Go compiles (a first build takes a few minutes).
 */
export async function ensureServer(
  progress: (line: string) => void = () => {},
  signal?: AbortSignal,
): Promise<string> {
  const found = findServer();
  if (found) return found;
  if (!goAvailable()) throw new ServerUnavailable(NO_SERVER_HELP);
  mkdirSync(cacheDir(), { recursive: true });
  const gobin = join(cacheDir(), 'gobin');
  // Go's work folders (hundreds of MB) in the git-ignored cache, not the system temp folder: one
  // an interrupted build left is removed by the next, and by this process however it exits.
  removeStaleBuildTemp();
  const gotmp = join(cacheDir(), 'go-tmp', String(process.pid));
  mkdirSync(gotmp, { recursive: true });
  buildTemp.add(gotmp);
  await new Promise<void>((resolve, reject) => {
    const child = spawn('go', ['install', '-v', SERVER_MODULE], {
      env: { ...process.env, GOBIN: gobin, GOTMPDIR: gotmp },
      stdio: ['ignore', 'pipe', 'pipe'],
      signal, // Ctrl+C mid-build stops go too
    });
    running.add(child);
    child.on('exit', () => running.delete(child));
    let tail = '';
    const onData = (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) {
        if (line.trim()) progress(line.trim());
      }
      tail = (tail + chunk).slice(-2000);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    // Stopped (Ctrl+C): wait for 'close' before the work folder goes, that is until go and what
    // it started on our pipes have ended; one still running could write it back (seen in a test).
    let stopped: Error | undefined;
    child.on('error', (error) => (child.pid === undefined ? reject(error) : (stopped = error)));
    child.on('close', (code) =>
      stopped
        ? reject(stopped)
        : code === 0
          ? resolve()
          : reject(new ServerUnavailable(`go install ${SERVER_MODULE} failed (exit ${code}):\n${tail}`)),
    );
  }).finally(() => {
    rmSync(gotmp, { recursive: true, force: true });
    buildTemp.delete(gotmp);
  });
  renameSync(join(gobin, 'server'), cachedBinary());
  return cachedBinary();
}

/** Go work folders of builds whose process has gone (killed mid-build). */
function removeStaleBuildTemp(): void {
  const root = join(cacheDir(), 'go-tmp');
  for (const pid of existsSync(root) ? readdirSync(root) : []) {
    try {
      process.kill(Number(pid), 0); // still building
    } catch {
      rmSync(join(root, pid), { recursive: true, force: true });
    }
  }
}

export interface LocalServer {
  url: string;
  httpUrl: string;
  apiKey: string;
  apiSecret: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();
const buildTemp = new Set<string>();
// A server (or `go install`) this process started never outlives it, whatever way it ends. Under
// `pnpm lesson` the launcher also kills the lesson's whole process group when it ends (the
// worker's job and inference processes, the compilers `go` runs): see bin/supervise.mjs.
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
  for (const dir of buildTemp) rmSync(dir, { recursive: true, force: true });
});

/**
 * The server's configuration: every listener on loopback. `--bind` covers signalling only; RTC
 * over UDP binds each address the IP filter keeps (loopback, which needs the loopback candidate
 * on); RTC over TCP would listen on every interface (the server gives it no bind address), so it
 * is off: a text room on one machine needs UDP only. TURN is off by default and stays off.
 */
export function loopbackConfig({ port, udpPort }: { port: number; udpPort: number }): string {
  return [
    `port: ${port}`,
    'bind_addresses: [127.0.0.1]',
    'rtc:',
    `  udp_port: ${udpPort}`,
    '  tcp_port: 0',
    '  use_external_ip: false',
    '  enable_loopback_candidate: true',
    '  node_ip: 127.0.0.1',
    '  ips:',
    '    includes: ["127.0.0.1/32", "::1/128"]',
    'logging:',
    '  level: warn',
  ].join('\n');
}

/** A key and secret for one run: --dev's devkey/secret is public, so anyone could use it. */
function runKeys(): { apiKey: string; apiSecret: string } {
  return {
    apiKey: `lesson_${randomBytes(6).toString('hex')}`,
    apiSecret: randomBytes(32).toString('base64url'),
  };
}

/** Start livekit-server on loopback, on free ports, with a key of its own, and wait until it answers. */
export async function startServer(binary: string, { timeoutMs = 15_000 } = {}): Promise<LocalServer> {
  // freePort() closes its probe before the server binds: on a busy machine (a test suite, a class of
  // lessons at once) another process can take the port in between. Then ours exits and the port
  // answers for someone else's server: try again on fresh ports.
  for (let attempt = 1; ; attempt++) {
    const started = await startServerOnce(binary, timeoutMs);
    if (started !== 'port taken') return started;
    if (attempt === 3)
      throw new ServerUnavailable(`livekit-server did not start (${binary}): its ports were taken.`);
  }
}

async function startServerOnce(binary: string, timeoutMs: number): Promise<LocalServer | 'port taken'> {
  const [port, udpPort] = [await freePort(), await freePort()];
  const { apiKey, apiSecret } = runKeys();
  // Not --dev: it would add the public key pair's defaults and the /debug/pprof handlers.
  const server = spawnServerProcess(binary, loopbackConfig({ port, udpPort }), { apiKey, apiSecret });
  const { child, stderr } = server;
  running.add(child);
  child.on('exit', () => running.delete(child));

  const httpUrl = `http://127.0.0.1:${port}`;
  const { RoomServiceClient } = await import('livekit-server-sdk');
  const rooms = new RoomServiceClient(httpUrl, apiKey, apiSecret);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    // Ready when it takes this run's keys: only our server does (a port another server took would not).
    const answered = await rooms.listRooms().then(
      () => true,
      () => false,
    );
    if (answered && child.exitCode === null) break;
    if (child.exitCode !== null && /address already in use/i.test(stderr())) return 'port taken';
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new ServerUnavailable(
        `livekit-server did not start (${binary}):\n${stderr().trim().split('\n').slice(-5).join('\n')}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    url: `ws://127.0.0.1:${port}`,
    httpUrl,
    apiKey,
    apiSecret,
    process: child,
    stop: () => server.stop(2000),
  };
}
