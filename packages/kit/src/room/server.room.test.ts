// The local server is for this learner only: every socket it listens on is on loopback, and it
// takes only the key and secret made for this run (never --dev's public devkey/secret).
import { existsSync, readFileSync, readdirSync, readlinkSync } from 'node:fs';
import { RoomServiceClient } from 'livekit-server-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalServer, startServer } from './server.js';
import { serverBinaryOrNone } from '../testing/processes.js';

const binary = serverBinaryOrNone();
const canList = existsSync('/proc/net/tcp');
const describeServer = binary ? describe : describe.skip;

/** "0100007F:1F90" (tcp) or a 32-digit IPv6 word dump, as /proc/net prints them, to "127.0.0.1". */
function procAddress(hex: string): string {
  const [ip] = hex.split(':');
  const words = ip!.match(/.{8}/g)!;
  // Each 32-bit word is in host byte order (little-endian here).
  const bytes = words.flatMap((word) =>
    word
      .match(/../g)!
      .reverse()
      .map((b) => parseInt(b, 16)),
  );
  if (bytes.length === 4) return bytes.join('.');
  const groups = [];
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i]! << 8) | bytes[i + 1]!).toString(16));
  return groups.join(':').replace(/(^|:)0(:0)+(:|$)/, '::');
}

/** The socket inodes among a process's open files. */
function socketInodes(pid: number | 'self'): Set<string> {
  const inodes = new Set<string>();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const inode = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`))?.[1];
      if (inode) inodes.add(inode);
    } catch {
      // closed while we looked
    }
  }
  return inodes;
}

/**
 * Every address and port a process listens on (TCP in LISTEN, UDP bound), from /proc: the sockets
 * it opened, not those it inherited from this test process. rtc-node's WebRTC stack (which other
 * room tests load into this process) opens its ICE sockets on every interface without
 * close-on-exec, so every child started after it holds copies: a soak run of the suite failed
 * here on them, 58 sockets on the machine's own addresses that this process held too.
 */
function listeningSockets(pid: number): string[] {
  const inherited = socketInodes('self');
  const inodes = new Set([...socketInodes(pid)].filter((inode) => !inherited.has(inode)));
  const found: string[] = [];
  for (const table of ['tcp', 'tcp6', 'udp', 'udp6']) {
    const lines = readFileSync(`/proc/net/${table}`, 'utf8').trim().split('\n').slice(1);
    for (const line of lines) {
      const [, local, , state, , , , , , inode] = line.trim().split(/\s+/);
      const listening = table.startsWith('tcp') ? state === '0A' : state === '07';
      if (listening && inodes.has(inode!)) {
        found.push(`${table} ${procAddress(local!)} port ${parseInt(local!.split(':')[1]!, 16)}`);
      }
    }
  }
  return found;
}

describeServer('the local livekit-server', () => {
  let server: LocalServer;
  beforeAll(async () => {
    server = await startServer(binary!);
  }, 30_000);
  afterAll(() => server?.stop());

  it.skipIf(!canList)(
    'listens on loopback only: signalling, RTC over UDP, and nothing on TCP for RTC',
    () => {
      // Our server, still running (not a pid since reused by another process).
      expect(server.process.exitCode).toBe(null);
      expect(readFileSync(`/proc/${server.process.pid}/cmdline`, 'utf8')).toContain('livekit-server');
      const sockets = listeningSockets(server.process.pid!);
      // The signalling port and the RTC UDP port at least; none of them anywhere but loopback.
      expect(sockets.some((s) => s.startsWith('tcp '))).toBe(true);
      expect(sockets.some((s) => s.startsWith('udp'))).toBe(true);
      const outside = sockets.filter((s) => !/ (127\.0\.0\.1|::1) port /.test(s));
      expect(outside, `listening outside loopback: ${sockets.join('; ')}`).toEqual([]);
    },
  );

  it("refuses --dev's public devkey/secret pair, and takes this run's own key", async () => {
    const withDevKey = new RoomServiceClient(server.httpUrl, 'devkey', 'secret');
    await expect(withDevKey.listRooms()).rejects.toThrow(/401|unauthorized|invalid/i);
    expect(server.apiKey).not.toBe('devkey');
    expect(server.apiSecret.length).toBeGreaterThanOrEqual(32);
    const withOwnKey = new RoomServiceClient(server.httpUrl, server.apiKey, server.apiSecret);
    await expect(withOwnKey.listRooms()).resolves.toEqual([]);
  });

  it.skipIf(!canList)(
    'started after this process joined a room (whose WebRTC sockets it inherits): loopback only still',
    async () => {
      const { joinAsLearner } = await import('./learner.js');
      const rooms = new RoomServiceClient(server.httpUrl, server.apiKey, server.apiSecret);
      await rooms.createRoom({ name: 'inherit' });
      const learner = await joinAsLearner(server, 'inherit', 'Ada', () => {});
      const other = await startServer(binary!);
      try {
        const inherited = [...socketInodes(other.process.pid!)].filter((i) => socketInodes('self').has(i));
        expect(inherited.length).toBeGreaterThan(0); // the case this guards: copies of ours
        const sockets = listeningSockets(other.process.pid!);
        const outside = sockets.filter((s) => !/ (127\.0\.0\.1|::1) port /.test(s));
        expect(outside, `listening outside loopback: ${sockets.join('; ')}`).toEqual([]);
      } finally {
        await Promise.all([other.stop(), learner.leave()]);
      }
    },
    30_000,
  );

  it('gives each run a different key and secret', async () => {
    const other = await startServer(binary!);
    try {
      expect(other.apiKey).not.toBe(server.apiKey);
      expect(other.apiSecret).not.toBe(server.apiSecret);
    } finally {
      await other.stop();
    }
  }, 30_000);
});

describe("the learner's token", () => {
  it('is short-lived and joins one room only', async () => {
    const { learnerToken } = await import('./learner.js');
    const { jwt } = await learnerToken({ apiKey: 'k', apiSecret: 's'.repeat(32) }, 'greeting-1', 'Ada');
    const claims = JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString());
    expect(claims.exp - claims.nbf).toBeLessThanOrEqual(10 * 60);
    expect(claims.video).toMatchObject({ room: 'greeting-1', roomJoin: true });
    expect(claims.video.roomCreate ?? false).toBe(false);
    expect(claims.video.roomAdmin ?? false).toBe(false);
  });
});
