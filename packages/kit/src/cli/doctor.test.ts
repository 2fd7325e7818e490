// `pnpm run doctor`: each check on its own, the report, and the command as a laptop runs it.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { type Server, createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stripVTControlCharacters as plain } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../lesson/catalogue.js';
import { checkInstall, checkLocal, checkNode, checkOffline, checkPnpm, runChecks } from './doctor.js';
import { checkLive } from './doctor-live.js';
import { type Check, exitCode, formatReport } from './doctor-report.js';
import { freePort } from '../room/free-port.js';
import { ServerUnavailable } from '../room/server.js';

const root = repoRoot();
const SECRETS = {
  LIVEKIT_API_KEY: 'APIdoctorTestKey',
  LIVEKIT_API_SECRET: 'doctor-test-secret-7f3a9c',
  OPENAI_API_KEY: 'sk-doctor-test-0c1d',
};

const dirs: string[] = [];
/** An empty "repository" for the .env.local tests. */
function emptyRoot(envLocal?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'doctor-'));
  dirs.push(dir);
  if (envLocal !== undefined) writeFileSync(join(dir, '.env.local'), envLocal);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function httpServer(): Promise<{ url: string; server: Server }> {
  const server = createServer((_req, res) => res.end('OK'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { url: `ws://127.0.0.1:${port}`, server };
}

describe('doctor checks', { timeout: 30_000 }, () => {
  it('Node.js: the engines floor from package.json', () => {
    expect(checkNode('20.19.0', '>=20.19')).toMatchObject({ status: 'ok' });
    expect(checkNode('22.1.0', '>=20.19')).toMatchObject({ status: 'ok' });
    const old = checkNode('20.11.1', '>=20.19');
    expect(old).toMatchObject({ status: 'fail', essential: true });
    expect(old.label).toMatch(/too old: the lessons need 20\.19 or newer/);
    expect(old.fix).toMatch(/nodejs\.org/);
    expect(checkNode('18.20.0', '>=20.19').status).toBe('fail');
  });

  it("pnpm: as package.json's packageManager, another version a warning, none a failure", () => {
    expect(checkPnpm('10.34.9', 'pnpm@10.34.9')).toMatchObject({ status: 'ok' });
    expect(checkPnpm('10.34.9', 'pnpm@10.34.9+sha512.abc')).toMatchObject({ status: 'ok' });
    expect(checkPnpm('9.15.0', 'pnpm@10.34.9')).toMatchObject({ status: 'warn' });
    expect(checkPnpm(undefined, 'pnpm@10.34.9')).toMatchObject({ status: 'fail', essential: true });
    expect(checkPnpm(undefined, 'pnpm@10.34.9').fix).toMatch(/corepack enable/);
  });

  it('install: node_modules and @livekit/agents from packages/kit', () => {
    expect(checkInstall(root)).toMatchObject({
      status: 'ok',
      label: expect.stringMatching(/@livekit\/agents 1\.9\.0/),
    });
    expect(checkInstall(emptyRoot())).toMatchObject({
      status: 'fail',
      fix: expect.stringMatching(/pnpm install/),
    });
  });

  it('offline mode: ready when the framework loads, broken when it does not', async () => {
    expect(await checkOffline(async () => ({}))).toMatchObject({ status: 'ok', essential: true });
    const broken = await checkOffline(async () => {
      throw new Error("Cannot find package '@livekit/agents'\nmore");
    });
    expect(broken).toMatchObject({ status: 'fail', essential: true });
    expect(broken.label).toMatch(/Cannot find package '@livekit\/agents'\)$/);
  });

  it('local mode: a server found, Go to build one, or the ways to get one (never a failure)', () => {
    expect(checkLocal({}, () => '/opt/livekit-server')).toMatchObject({
      status: 'ok',
      label: 'local mode: livekit-server at /opt/livekit-server',
    });
    expect(
      checkLocal(
        {},
        () => undefined,
        () => true,
      ),
    ).toMatchObject({
      status: 'warn',
      fix: expect.stringMatching(/^pnpm server:install/),
    });
    const none = checkLocal(
      {},
      () => undefined,
      () => false,
    );
    expect(none).toMatchObject({ status: 'warn', essential: false });
    expect(none.fix).toMatch(/LIVEKIT_SERVER_BIN/);
    expect(none.fix).toMatch(/go\.dev/);
    const badBin = checkLocal({}, () => {
      throw new ServerUnavailable('LIVEKIT_SERVER_BIN=/nope is not an executable file.');
    });
    expect(badBin).toMatchObject({
      status: 'warn',
      label: expect.stringMatching(/LIVEKIT_SERVER_BIN=\/nope/),
    });
  });

  it('live mode: not configured, partly configured, answering, not answering; never a value', async () => {
    const none = await checkLive(emptyRoot(), {});
    expect(none).toMatchObject({
      status: 'warn',
      essential: false,
      label: expect.stringMatching(/not configured/),
    });

    const partly = await checkLive(emptyRoot(`LIVEKIT_API_KEY=${SECRETS.LIVEKIT_API_KEY}\n`), {
      OPENAI_API_KEY: SECRETS.OPENAI_API_KEY,
    });
    expect(partly).toMatchObject({
      status: 'warn',
      label: 'live mode: LIVEKIT_URL, LIVEKIT_API_SECRET not set',
    });

    // A web server that is not LiveKit: it answers, but that is not enough.
    const { url, server } = await httpServer();
    let notLiveKit: Check;
    try {
      notLiveKit = await checkLive(
        emptyRoot(`LIVEKIT_URL=${url}\nLIVEKIT_API_SECRET=${SECRETS.LIVEKIT_API_SECRET}\n`),
        {
          LIVEKIT_API_KEY: SECRETS.LIVEKIT_API_KEY,
          OPENAI_API_KEY: SECRETS.OPENAI_API_KEY,
        },
      );
      expect(notLiveKit).toMatchObject({
        status: 'fail',
        label: expect.stringMatching(/^live mode: LIVEKIT_URL is not a LiveKit server/),
        fix: expect.stringMatching(/wss:\/\/<project>\.livekit\.cloud/),
      });
    } finally {
      server.close();
    }

    const closed = `ws://127.0.0.1:${await freePort()}`;
    const silent = await checkLive(emptyRoot(), { ...SECRETS, LIVEKIT_URL: closed }, 500);
    expect(silent).toMatchObject({
      status: 'warn',
      label: expect.stringMatching(/did not answer within 0\.5 s/),
    });

    const notUrl = await checkLive(emptyRoot(), { ...SECRETS, LIVEKIT_URL: 'my project' });
    expect(notUrl).toMatchObject({ status: 'fail', label: 'live mode: LIVEKIT_URL is not a URL' });

    const text = JSON.stringify([none, partly, silent, notUrl, notLiveKit]);
    for (const value of [...Object.values(SECRETS), closed, url, 'my project'])
      expect(text).not.toContain(value);
  });

  it('the report: a line a check, the fix when not ✓, and exit 1 only when offline mode is broken', () => {
    const checks: Check[] = [
      { label: 'Node.js 20.19.0', status: 'ok', essential: true },
      { label: 'local mode: none', status: 'warn', fix: 'pnpm server:install', essential: false },
    ];
    expect(formatReport(checks).map((line) => plain(line))).toEqual([
      'pnpm run doctor: is this machine ready for the lessons?',
      '  ✓ Node.js 20.19.0',
      '  ! local mode: none. Fix: pnpm server:install',
      '',
      'Ready for the offline lessons: pnpm lesson greeting (! marks what is optional)',
    ]);
    expect(exitCode(checks)).toBe(0);
    const broken = [
      ...checks,
      { label: 'pnpm not found', status: 'fail', fix: 'corepack enable', essential: true } as Check,
    ];
    expect(plain(formatReport(broken).at(-1)!)).toMatch(/^Not ready: fix what is marked ✗/);
    expect(exitCode(broken)).toBe(1);
  });

  it('runs every check here: offline mode ready', async () => {
    const checks = await runChecks({
      env: {},
      pnpm: () => '10.34.9',
      findServer: () => undefined,
      goAvailable: () => false,
    });
    expect(checks.map((c) => c.label.split(/[: ]/)[0])).toEqual([
      'Node.js',
      'pnpm',
      'dependencies',
      'offline',
      'local',
      'live',
    ]);
    expect(checks.filter((c) => c.essential && c.status === 'fail')).toEqual([]);
  });
});

describe('pnpm run doctor, as a process', () => {
  it('one line a check, exit 0 here, and no key value printed', { timeout: 60_000 }, async () => {
    const clean = Object.fromEntries(
      Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST')),
    );
    const closed = `ws://127.0.0.1:${await freePort()}`;
    const child = spawn('node', ['packages/kit/bin/doctor.mjs'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...clean, NO_COLOR: '1', ...SECRETS, LIVEKIT_URL: closed },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('pnpm run doctor: is this machine ready for the lessons?');
    const checks = lines.slice(1, 7);
    expect(
      checks.filter((line) => !/^ {2}[✓✗!] \S/.test(line)),
      'each check on one line',
    ).toEqual([]);
    expect(lines[7]).toBe('');
    expect(stdout).toMatch(/\n {2}✓ Node\.js /);
    expect(stdout).toMatch(/\n {2}✓ offline mode: ready/);
    expect(stdout).toMatch(/\n {2}[✓!] local mode: /);
    expect(stdout).toMatch(/\n {2}! live mode: keys set .*LIVEKIT_URL did not answer within 3 s/);
    for (const value of [...Object.values(SECRETS), closed]) expect(stdout).not.toContain(value);
    expect(lines.at(-1)).toMatch(/^Ready for the offline lessons/);
  });
});

describe('the live check', { timeout: 30_000 }, () => {
  // Against a real LiveKit server: doctor.room.test.ts.
  it("✗ for .env.example's placeholder URL, even with the keys not filled in yet", async () => {
    const example = readFileSync(join(root, '.env.example'), 'utf8');
    const check = await checkLive(emptyRoot(example), {});
    expect(check).toMatchObject({
      status: 'fail',
      label: expect.stringMatching(/^live mode: LIVEKIT_URL is still the placeholder from \.env\.example/),
      fix: expect.stringMatching(/your project's URL/),
    });
  });
});
