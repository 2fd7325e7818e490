// A port on loopback that nothing holds, for a server the kit starts (livekit-server, a worker's
// health server). Found by binding to it and letting go, so another process can take it between
// the probe and the real bind; what made that likely was the kernel's own choice. A port the
// kernel picks (bind to port 0) comes from the range it also gives every outgoing connection, and
// ten learners' processes on one laptop make hundreds of those on loopback: one of them took a
// worker's port and the worker died (EADDRINUSE is unhandled in @livekit/agents 1.9.0's health
// server, and port 0 is read there as "the default, 8081"). So pick at random below that range,
// where only a program that asks for a port by number binds.
import { createServer } from 'node:net';

/** Below Linux's (32768–60999) and macOS's (49152–65535) ranges for outgoing connections. */
const LOW = 20_000;
const HIGH = 32_000;

function bindable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.unref();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

export async function freePort(): Promise<number> {
  for (let tries = 0; tries < 50; tries++) {
    const port = LOW + Math.floor(Math.random() * (HIGH - LOW));
    if (await bindable(port)) return port;
  }
  throw new Error(`no free port on 127.0.0.1 between ${LOW} and ${HIGH} in 50 tries`);
}
