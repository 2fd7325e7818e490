// For tests that run a command as a learner would and check it leaves nothing behind: the
// launcher started with its output collected, the processes below one, and whether one has ended.
// Linux: pgrep and /proc (proc.mjs, which the benches share).
import { type ChildProcess, type SpawnOptions, spawn, spawnSync } from 'node:child_process';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../lesson/catalogue.js';
import { ServerUnavailable, findServer } from '../room/server.js';

export { gone, processStat, processesTagged } from './proc.mjs';

/** `pnpm lesson <args…>` started as the launcher itself (no colour, no input), and all it prints. */
export interface LessonProcess {
  child: ChildProcess;
  /** stdout and stderr so far, interleaved as they came. */
  output: () => string;
  stdout: () => string;
  stderr: () => string;
  /** Its exit code once it has ended (and its output streams have closed). */
  exited: Promise<number | null>;
}

/** `env` is added to `baseEnv` (this process's environment, or one with some variables taken out). */
export function spawnLessonProcess(
  args: string[],
  env: NodeJS.ProcessEnv = {},
  baseEnv: NodeJS.ProcessEnv = process.env,
): LessonProcess {
  const child = spawn('node', ['packages/kit/bin/lesson.mjs', ...args], {
    cwd: repoRoot(),
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...baseEnv, NO_COLOR: '1', ...env },
  });
  const seen = { output: '', stdout: '', stderr: '' };
  child.stdout!.on('data', (d) => ((seen.output += d), (seen.stdout += d)));
  child.stderr!.on('data', (d) => ((seen.output += d), (seen.stderr += d)));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return { child, output: () => seen.output, stdout: () => seen.stdout, stderr: () => seen.stderr, exited };
}

/**
 * `command` in a pseudo-terminal, as a learner's terminal runs it: script(1), which runs it with
 * `$SHELL -c`. Under CI SHELL is unset, so that shell is dash (Debian's /bin/sh), which, unlike
 * bash, stays as the command's parent: in the terminal's foreground group, it took the typed
 * Ctrl+C too and exited 130 whatever the lesson did (a busy-loop test saw 130 for 137, twice in
 * CI). So the shell is dash here too, and `exec` makes it give way to the command.
 */
export function spawnInTerminal(command: string, options: SpawnOptions = {}): ChildProcess {
  return spawn('script', ['-qfec', `exec ${command}`, '/dev/null'], {
    stdio: ['pipe', 'pipe', 'pipe'],
    ...options,
    env: { ...(options.env ?? process.env), SHELL: '/bin/sh' },
  });
}

/** Poll `condition` every 50 ms; throw naming `what` (read then) if it is not true within `timeoutMs`. */
export async function until(
  condition: () => boolean,
  timeoutMs: number,
  what: string | (() => string),
): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) {
      throw new Error(`timed out waiting for ${typeof what === 'string' ? what : what()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Every process below `pid` (children, their children…), by pid. */
export function descendants(pid: number): number[] {
  const children = spawnSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' })
    .stdout.split('\n')
    .map(Number)
    .filter(Boolean);
  return children.flatMap((child) => [child, ...descendants(child)]);
}

/**
 * A stand-in `go` in `dir` for a build that is stopped mid-way: `go install` writes its work folder
 * ($GOTMPDIR/go-build1) and never ends; a child it started (a compiler, say) outlives it by a
 * moment and then writes the folder again ($GOTMPDIR/late), holding go's output pipes till then.
 */
export function writeStandInGoWithLateWriter(dir: string): void {
  const go = join(dir, 'go');
  writeFileSync(
    go,
    '#!/bin/sh\n[ "$1" = version ] && exit 0\ngo=$$\n' +
      '( trap "" INT TERM; while kill -0 $go 2>/dev/null; do sleep 0.02; done; sleep 0.1; mkdir -p "$GOTMPDIR/late" ) &\n' +
      'mkdir -p "$GOTMPDIR/go-build1"\necho "compiling github.com/stand-in" >&2\nexec sleep 600\n',
  );
  chmodSync(go, 0o755);
}

/** The livekit-server the tests would use, or none (also for a LIVEKIT_SERVER_BIN that is not one). */
export function serverBinaryOrNone(): string | undefined {
  try {
    return findServer();
  } catch (error) {
    if (error instanceof ServerUnavailable) return undefined;
    throw error;
  }
}
