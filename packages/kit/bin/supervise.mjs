// Every process a lesson starts ends with it, however it ends (Linux and macOS; Windows through
// WSL). The command a learner runs is a small supervisor that imports nothing heavy; the real
// runner is its child, the leader of a process group of its own that livekit-server, `go install`
// and the agent worker's job and inference processes join by inheritance. The supervisor passes
// SIGINT, SIGTERM and SIGHUP on to the runner and, if the runner has not ended by the deadline (a
// busy loop in learner code blocks its signal handlers) or on a second signal, kills the whole
// group. If the supervisor itself is killed (SIGKILL, a closed terminal), the runner notices its
// parent has gone and kills its group: see watchParent().
import { spawn, spawnSync } from 'node:child_process';
import { constants } from 'node:os';
import { Worker } from 'node:worker_threads';

const SUPERVISOR_ENV = 'LESSON_SUPERVISOR_PID';
/** Ctrl+C must end everything within 5 s: the runner closes cleanly well within this. */
const STOP_DEADLINE_MS = Number(process.env.LESSON_STOP_DEADLINE_MS ?? 4500);
const FORWARDED = ['SIGINT', 'SIGTERM', 'SIGHUP'];
/** A second signal this soon after the first is its echo (see below), not a second request. */
const ECHO_WINDOW_MS = 500;

/**
 * In the supervisor, run `script` as the runner and never resolve (the supervisor exits with the
 * runner's code). In the runner, start the parent-death watch and resolve at once.
 */
export function supervise(script) {
  if (process.env[SUPERVISOR_ENV] === String(process.ppid)) {
    watchParent();
    return Promise.resolve();
  }
  const runner = spawn(process.execPath, [...process.execArgv, script, ...process.argv.slice(2)], {
    stdio: 'inherit',
    // A new session, so a process group of its own: the runner and all it starts.
    detached: true,
    env: { ...process.env, [SUPERVISOR_ENV]: String(process.pid) },
  });
  const signalGroup = (signal) => {
    try {
      process.kill(-runner.pid, signal);
    } catch {
      // the group is empty already
    }
  };
  const killGroup = () => signalGroup('SIGKILL');
  let deadline;
  let forwarded;
  let forced = false;
  const force = (why) => {
    forced = true;
    process.stderr.write(`\n${why}: stopped the lesson and every process it started.\n`);
    killGroup();
  };
  let firstAt = 0;
  for (const signal of FORWARDED) {
    process.on(signal, () => {
      // pnpm passes the terminal's Ctrl+C on to its script, which the terminal has already
      // signalled too: the same signal twice within moments is one key press, not two.
      if (deadline && signal === forwarded && performance.now() - firstAt < ECHO_WINDOW_MS) return;
      if (deadline) return force(`${signal} again`);
      forwarded = signal;
      firstAt = performance.now();
      runner.kill(signal);
      deadline = setTimeout(
        () => force(`the lesson did not stop within ${STOP_DEADLINE_MS / 1000} s of ${signal}`),
        STOP_DEADLINE_MS,
      );
    });
  }
  // Ctrl+Z outside the chat (the chat keeps it a keystroke): the terminal stops pnpm and this
  // launcher, but not the runner, which has a session of its own and would go on printing behind
  // the shell. Stop its whole group with us, and go on together on `fg` or `bg`.
  process.on('SIGTSTP', () => {
    signalGroup('SIGSTOP');
    process.kill(process.pid, 'SIGSTOP');
  });
  process.on('SIGCONT', () => signalGroup('SIGCONT'));
  runner.on('error', (error) => {
    process.stderr.write(`error: could not start the lesson (${error.message}).\n`);
    process.exit(1);
  });
  runner.on('exit', (code, signal) => {
    clearTimeout(deadline);
    killGroup(); // anything the runner left behind
    // Stopped before (or after) the lesson listens for signals: the learner still gets a line.
    if (signal && signal === forwarded) process.stderr.write(`\n${signal}: stopped.\n`);
    // A runner killed mid-chat leaves the terminal in raw mode: give the learner it back.
    if (forced && process.stdin.isTTY) spawnSync('stty', ['sane'], { stdio: 'inherit' });
    process.exit(code ?? 128 + (constants.signals[signal] ?? 9));
  });
  return new Promise(() => {});
}

/**
 * The runner's side: a thread of its own (so a busy main thread cannot stop it) polls for the
 * supervisor's death, and then kills the runner's process group, the runner included.
 */
function watchParent() {
  const watch = `
    const { parentPpid } = require('node:worker_threads').workerData;
    setInterval(() => {
      if (process.ppid !== parentPpid) process.kill(-process.pid, 'SIGKILL');
    }, 200);
  `;
  const worker = new Worker(watch, { eval: true, workerData: { parentPpid: process.ppid } });
  worker.unref();
}
