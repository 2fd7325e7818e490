// livekit-server as a child process, for the local server and the workshop's: its keys in the
// environment (other users of the machine can read argv, in ps, not the environment), the end of
// its stderr kept for an error message, and a stop that waits for it to end.
import { type ChildProcess, spawn } from 'node:child_process';

export interface ServerProcess {
  child: ChildProcess;
  /** The last 4,000 characters it wrote to stderr. */
  stderr(): string;
  /** SIGTERM, then SIGKILL if it has not ended within `graceMs`; resolves once it has ended. */
  stop(graceMs: number): Promise<void>;
}

export function spawnServerProcess(
  binary: string,
  configBody: string,
  { apiKey, apiSecret }: { apiKey: string; apiSecret: string },
): ServerProcess {
  const child = spawn(binary, ['--config-body', configBody], {
    env: { ...process.env, LIVEKIT_KEYS: `${apiKey}: ${apiSecret}` },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr = (stderr + chunk).slice(-4000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    stderr: () => stderr,
    async stop(graceMs) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const killed = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(killed);
    },
  };
}
