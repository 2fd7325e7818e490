// `pnpm run doctor`: is this machine ready for the lessons? (Not `pnpm doctor`: pnpm has a command
// of that name, which wins over the script.) One line a check: ✓ ready, ✗ broken (the offline
// lessons will not run until it is fixed), ! not ready but optional; and, when not ✓, the fix.
// Run it on every laptop before a workshop (docs/workshop.md). It never prints a key's value.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { repoRoot } from '../lesson/catalogue.js';
import { LIVE_URL_TIMEOUT_MS, checkLive } from './doctor-live.js';
import { ServerUnavailable, findServer, goAvailable } from '../room/server.js';
import { type Check, exitCode, formatReport } from './doctor-report.js';

function readJson(path: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
}

/** [major, minor, patch] of "v20.19.1", "20.19", "10.34.9+sha512.…". */
export function parseVersion(text: string): [number, number, number] | undefined {
  const match = /(\d+)\.(\d+)(?:\.(\d+))?/.exec(text);
  return match ? [Number(match[1]), Number(match[2]), Number(match[3] ?? 0)] : undefined;
}

function atLeast(version: [number, number, number], floor: [number, number, number]): boolean {
  for (let i = 0; i < 3; i++) if (version[i] !== floor[i]) return version[i]! > floor[i]!;
  return true;
}

export function checkNode(version: string, engines = '>=20.19'): Check {
  const floorText = /\d+(?:\.\d+){0,2}/.exec(engines)?.[0] ?? '20.19';
  const floor = parseVersion(floorText.includes('.') ? floorText : `${floorText}.0`)!;
  const found = parseVersion(version);
  if (found && atLeast(found, floor)) {
    return {
      label: `Node.js ${version.replace(/^v/, '')} (the lessons need ${floorText} or newer)`,
      status: 'ok',
      essential: true,
    };
  }
  return {
    label: `Node.js ${version.replace(/^v/, '')} is too old: the lessons need ${floorText} or newer`,
    status: 'fail',
    fix: `install Node.js ${floor[0]} (${floorText} or newer) from https://nodejs.org, or with nvm: nvm install ${floor[0]}`,
    essential: true,
  };
}

/** The pnpm running this (pnpm sets npm_config_user_agent for scripts), else `pnpm --version`. */
export function pnpmVersion(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const agent = /^pnpm\/(\S+)/.exec(env.npm_config_user_agent ?? '')?.[1];
  if (agent) return agent;
  const run = spawnSync('pnpm', ['--version'], { encoding: 'utf8', timeout: 15_000 });
  return run.status === 0 ? run.stdout.trim() : undefined;
}

export function checkPnpm(found: string | undefined, packageManager = 'pnpm@10'): Check {
  const wanted = packageManager.replace(/^pnpm@/, '').split('+')[0]!;
  const install = `corepack enable (it then uses pnpm ${wanted}), or npm install -g pnpm@${wanted}`;
  if (!found) {
    return { label: 'pnpm not found', status: 'fail', fix: install, essential: true };
  }
  if (found === wanted) {
    return { label: `pnpm ${found} (package.json's packageManager)`, status: 'ok', essential: true };
  }
  return {
    label: `pnpm ${found}, but package.json's packageManager is pnpm ${wanted}`,
    status: 'warn',
    fix: `${install}. Another version usually works, but the lockfile was written by ${wanted}`,
    essential: true,
  };
}

/** The installed version of a package the kit depends on, or undefined if it cannot be resolved. */
function installedVersion(kitDir: string, name: string): string | undefined {
  let path: string;
  try {
    path = createRequire(join(kitDir, 'package.json')).resolve(name);
  } catch {
    return undefined;
  }
  for (let dir = dirname(path); dir !== dirname(dir); dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (!existsSync(file)) continue;
    const pkg = readJson(file);
    if (pkg.name === name) return String(pkg.version);
  }
  return undefined;
}

export function checkInstall(root: string): Check {
  const kitDir = join(root, 'packages', 'kit');
  const fix =
    'run pnpm install at the repository root (offline: pnpm install --offline, see docs/workshop.md)';
  if (!existsSync(join(root, 'node_modules'))) {
    return { label: 'dependencies not installed (no node_modules)', status: 'fail', fix, essential: true };
  }
  const version = installedVersion(kitDir, '@livekit/agents');
  if (!version) {
    return {
      label: 'dependencies incomplete: @livekit/agents cannot be found from packages/kit',
      status: 'fail',
      fix,
      essential: true,
    };
  }
  const wanted = (readJson(join(kitDir, 'package.json')).dependencies as Record<string, string>)[
    '@livekit/agents'
  ];
  if (wanted && /^\d/.test(wanted) && wanted !== version) {
    return {
      label: `@livekit/agents ${version} installed, but package.json asks for ${wanted}`,
      status: 'warn',
      fix: 'run pnpm install',
      essential: true,
    };
  }
  return { label: `dependencies installed (@livekit/agents ${version})`, status: 'ok', essential: true };
}

/** Offline mode needs nothing but the install: the proof is loading the framework. */
export async function checkOffline(load: () => Promise<unknown>): Promise<Check> {
  try {
    await load();
    return {
      label: 'offline mode: ready, with no keys, no server and no network (pnpm lesson greeting)',
      status: 'ok',
      essential: true,
    };
  } catch (error) {
    return {
      label: `offline mode: the agents framework does not load (${String((error as Error).message).split('\n')[0]})`,
      status: 'fail',
      fix: 'run pnpm install; if that does not help, delete node_modules and run it again',
      essential: true,
    };
  }
}

export function checkLocal(
  env: NodeJS.ProcessEnv,
  find: (env: NodeJS.ProcessEnv) => string | undefined = findServer,
  hasGo: () => boolean = goAvailable,
): Check {
  let binary: string | undefined;
  try {
    binary = find(env);
  } catch (error) {
    if (!(error instanceof ServerUnavailable)) throw error;
    return {
      label: `local mode: ${error.message.replace(/\.$/, '')}`,
      status: 'warn',
      fix: 'point LIVEKIT_SERVER_BIN at a livekit-server binary, or unset it to use one on PATH or in .cache',
      essential: false,
    };
  }
  if (binary) return { label: `local mode: livekit-server at ${binary}`, status: 'ok', essential: false };
  if (hasGo()) {
    return {
      label: 'local mode: no livekit-server yet, but Go is installed to build one',
      status: 'warn',
      fix: 'pnpm server:install (a few minutes, once; --mode local would also build it on first use)',
      essential: false,
    };
  }
  return {
    label: 'local mode: no livekit-server, and no Go to build one (optional: offline mode needs neither)',
    status: 'warn',
    fix:
      'copy a built livekit-server here and set LIVEKIT_SERVER_BIN to it, or brew install livekit, ' +
      'or install Go (https://go.dev/dl/) and run pnpm server:install',
    essential: false,
  };
}

export interface DoctorOptions {
  root?: string;
  env?: NodeJS.ProcessEnv;
  nodeVersion?: string;
  pnpm?: () => string | undefined;
  loadFramework?: () => Promise<unknown>;
  findServer?: (env: NodeJS.ProcessEnv) => string | undefined;
  goAvailable?: () => boolean;
  liveTimeoutMs?: number;
}

export async function runChecks({
  root = repoRoot(),
  env = process.env,
  nodeVersion = process.versions.node,
  pnpm = () => pnpmVersion(env),
  loadFramework = () => import('@livekit/agents'),
  findServer: find = findServer,
  goAvailable: hasGo = goAvailable,
  liveTimeoutMs = LIVE_URL_TIMEOUT_MS,
}: DoctorOptions = {}): Promise<Check[]> {
  const pkg = readJson(join(root, 'package.json'));
  const engines = (pkg.engines as Record<string, string> | undefined)?.node;
  const install = checkInstall(root);
  const live = checkLive(root, env, liveTimeoutMs); // under way while the rest is checked
  return [
    checkNode(nodeVersion, engines),
    checkPnpm(pnpm(), pkg.packageManager as string | undefined),
    install,
    install.status === 'fail'
      ? {
          label: 'offline mode: not until the dependencies are installed',
          status: 'fail',
          fix: 'run pnpm install',
          essential: true,
        }
      : await checkOffline(loadFramework),
    checkLocal(env, find, hasGo),
    await live,
  ];
}

export async function main(options: DoctorOptions = {}): Promise<number> {
  const checks = await runChecks(options);
  process.stdout.write(formatReport(checks).join('\n') + '\n');
  return exitCode(checks);
}
