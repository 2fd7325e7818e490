// `pnpm workshop server`: one livekit-server for a room full of laptops. Unlike local mode's server
// it listens on the room's network on purpose (learners' laptops must reach it), with a key and
// secret made when it starts. Stopped with the command; the launcher ends it whatever happens.
import type { ChildProcess } from 'node:child_process';
import { spawnServerProcess } from '../room/server-process.js';
import { randomBytes } from 'node:crypto';
import { networkInterfaces } from 'node:os';
import { RoomServiceClient } from 'livekit-server-sdk';

export interface WorkshopServerOptions {
  /** The address signalling listens on: 0.0.0.0 (every interface) unless told otherwise. */
  bind: string;
  /** The address the server gives learners for media (their laptops must reach it). */
  nodeIp: string;
  port: number;
  /** Media: one UDP port for every learner (the firewall opens one port), and TCP as a fallback. */
  udpPort: number;
  tcpPort: number;
}

export const DEFAULT_PORTS = { port: 7880, tcpPort: 7881, udpPort: 7882 };

/** This machine's first IPv4 address on a network (not loopback): what learners can reach. */
export function lanAddress(): string | undefined {
  for (const addresses of Object.values(networkInterfaces())) {
    for (const address of addresses ?? []) {
      if (address.family === 'IPv4' && !address.internal) return address.address;
    }
  }
  return undefined;
}

const isLoopback = (ip: string) => ip.startsWith('127.') || ip === '::1' || ip === 'localhost';

/** The server's configuration. On loopback (a test, a dry run) media stays on loopback too. */
export function workshopConfig({ bind, nodeIp, port, udpPort, tcpPort }: WorkshopServerOptions): string {
  const loopback = isLoopback(bind);
  return [
    `port: ${port}`,
    `bind_addresses: [${JSON.stringify(bind)}]`,
    'rtc:',
    `  udp_port: ${udpPort}`,
    `  tcp_port: ${loopback ? 0 : tcpPort}`,
    '  use_external_ip: false',
    `  node_ip: ${JSON.stringify(nodeIp)}`,
    ...(loopback
      ? ['  enable_loopback_candidate: true', '  ips:', '    includes: ["127.0.0.1/32", "::1/128"]']
      : []),
    'logging:',
    '  level: warn',
  ].join('\n');
}

/** A key and secret for the day: whoever holds them administers the server. */
export function dayKeys(): { apiKey: string; apiSecret: string } {
  return {
    apiKey: `workshop_${randomBytes(6).toString('hex')}`,
    apiSecret: randomBytes(32).toString('base64url'),
  };
}

export interface RunningWorkshopServer {
  process: ChildProcess;
  url: string;
  httpUrl: string;
  apiKey: string;
  apiSecret: string;
  stop(): Promise<void>;
}

/** Start it and wait until it answers with the day's keys; reject with its last lines otherwise. */
export async function startWorkshopServer(
  binary: string,
  options: WorkshopServerOptions,
  timeoutMs = 20_000,
): Promise<RunningWorkshopServer> {
  const { apiKey, apiSecret } = dayKeys();
  const server = spawnServerProcess(binary, workshopConfig(options), { apiKey, apiSecret });
  const { child, stderr } = server;
  process.once('exit', () => child.kill('SIGKILL'));
  const local = isLoopback(options.bind) || options.bind === '0.0.0.0' ? '127.0.0.1' : options.bind;
  const httpUrl = `http://${local}:${options.port}`;
  const rooms = new RoomServiceClient(httpUrl, apiKey, apiSecret);
  for (const deadline = Date.now() + timeoutMs; ;) {
    const ok = await rooms.listRooms().then(
      () => true,
      () => false,
    );
    if (ok && child.exitCode === null) break;
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      const last = stderr().trim().split('\n').slice(-3).join(' | ');
      throw new Error(
        `livekit-server did not start${/address already in use/i.test(stderr()) ? ` (port ${options.port}, ${options.tcpPort} or ${options.udpPort} is taken: --port, --udp-port, --tcp-port choose others)` : ''}${last ? `: ${last}` : ''}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const host = isLoopback(options.bind) ? options.bind : options.nodeIp;
  return {
    process: child,
    url: `ws://${host}:${options.port}`,
    httpUrl,
    apiKey,
    apiSecret,
    stop: () => server.stop(3000),
  };
}
