// The fault suite: `pnpm lesson` as a process when things go wrong (signals at every stage, the
// launcher killed, learner code that never yields, a call that ends mid-chat). Each case asserts
// the outcome: the exit code, the line the learner reads, and that no process is left behind.
// How long each takes is `pnpm bench --faults`'s business, not a test's (limits here are generous).
import { type ChildProcess, spawn } from 'node:child_process';
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
import { afterAll, describe, expect, inject, it } from 'vitest';
import { repoRoot } from '../lesson/catalogue.js';
import {
  processStat,
  processesTagged,
  spawnInTerminal,
  until,
  writeStandInGoWithLateWriter,
} from '../testing/processes.js';

const root = repoRoot();
const fixtures = mkdtempSync(join(tmpdir(), 'lesson-faults-'));
const runs: Run[] = [];
afterAll(() => {
  // A failed case must not leave its lesson running (busy-looping, say) on a shared machine. Not a
  // launcher that has ended: its pid may be another's by now (pids wrap at 32768 here).
  const running = (run: Run) => run.child.exitCode === null && run.child.signalCode === null;
  for (const pid of runs.flatMap((run) => [...(running(run) ? [run.child.pid!] : []), ...run.alive()])) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone
    }
  }
  rmSync(fixtures, { recursive: true, force: true });
});

interface Run {
  child: ChildProcess;
  /** stdout and stderr as they came. */
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Processes started for this run (found by a tag in their environment) still running. */
  alive(): number[];
  waitFor(text: string | RegExp, timeoutMs?: number): Promise<void>;
}

let tags = 0;
/** `node packages/kit/bin/lesson.mjs …` (what `pnpm lesson` execs), or the same under `script`'s pty. */
function startLesson(
  args: string[],
  { env = {}, pty = false }: { env?: NodeJS.ProcessEnv; pty?: boolean } = {},
): Run {
  const tag = `${process.pid}-${++tags}`;
  const command = ['node', 'packages/kit/bin/lesson.mjs', ...args];
  const child = pty
    ? spawnInTerminal(command.join(' '), {
        cwd: root,
        env: { ...process.env, NO_COLOR: '1', LESSON_FAULT_TAG: tag, ...env },
      })
    : spawn(command[0]!, command.slice(1), {
        cwd: root,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, NO_COLOR: '1', LESSON_FAULT_TAG: tag, ...env },
      });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  let ended = 'running';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('close', (code, signal) => {
      ended = `exited (code ${code}, signal ${signal})`;
      resolve({ code, signal });
    }),
  );
  child.on('error', (error) => (ended = `not started: ${error.message}`));
  const run: Run = {
    child,
    output: () => output,
    exited,
    alive: () => processesTagged(`LESSON_FAULT_TAG=${tag}`).filter((pid) => pid !== child.pid),
    async waitFor(text, timeoutMs = 60_000) {
      await until(
        () => (typeof text === 'string' ? output.includes(text) : text.test(output)),
        timeoutMs,
        () => `${text} (launcher ${ended}; processes: ${described(run.alive())}) in:\n${output}`,
      );
    },
  };
  runs.push(run);
  return run;
}

/**
 * The process that runs the lesson under the launcher (its child, the group leader): the one whose
 * LESSON_SUPERVISOR_PID names its parent. Not "the first with lesson.mjs in its command line":
 * pids wrap (pid_max is 32768 here), so that could be the launcher or the runner.
 */
function runnerOf(run: Run): number {
  const pid = run.alive().find((p) => {
    try {
      const ppid = processStat(p)?.ppid;
      return readFileSync(`/proc/${p}/environ`, 'latin1')
        .split('\0')
        .includes(`LESSON_SUPERVISOR_PID=${ppid}`);
    } catch {
      return false;
    }
  });
  if (!pid) throw new Error(`no lesson process found among ${described(run.alive())}`);
  return pid;
}

/** "pid (state) command" for each, for a failure message. */
function described(pids: number[]): string {
  return (
    pids
      .map((pid) => {
        try {
          const state = processStat(pid)?.state ?? 'gone';
          const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
          return `${pid} (${state}) ${command}`;
        } catch {
          return `${pid} (gone)`;
        }
      })
      .join('; ') || 'none'
  );
}

/** No process of the run left within `ms` (generous: the machine may be busy). */
async function nothingLeft(run: Run, ms = 5000): Promise<void> {
  await until(
    () => run.alive().length === 0,
    ms,
    () => `processes ${run.alive().join(', ')} to end`,
  );
}

/** What the preload prints as its loop begins: the signal is sent only then, never before. */
const BUSY_LOOP_BEGINS = '[fault test: a busy loop begins]';

/**
 * Learner code that never yields: busy-loops the lesson's own process once it has printed
 * `trigger` (once the conversation is under way).
 */
function busyLoopPreload(trigger = 'prescription'): string {
  const file = join(fixtures, `busy-${trigger.replace(/\W/g, '')}.mjs`);
  writeFileSync(
    file,
    // Only in the process that runs the lesson (the launcher's child), not in the launcher.
    `if (process.argv[1]?.endsWith('lesson.mjs') && process.env.LESSON_SUPERVISOR_PID === String(process.ppid)) {\n` +
      `  const write = process.stdout.write.bind(process.stdout);\n` +
      `  process.stdout.write = (chunk, ...rest) => {\n` +
      `    if (String(chunk).includes(${JSON.stringify(trigger)})) setTimeout(() => { write(${JSON.stringify(BUSY_LOOP_BEGINS + '\n')}); for (;;); }, 300);\n` +
      `    return write(chunk, ...rest);\n` +
      `  };\n` +
      `}\n`,
  );
  return file;
}

describe.concurrent('faults, offline', { timeout: 60_000 }, () => {
  it('SIGHUP (the terminal closed): the session closes, exit 130, nothing left', async () => {
    const run = startLesson(['end-call']);
    await run.waitFor('PharmacyLine');
    run.child.kill('SIGHUP');
    expect((await run.exited).code).toBe(130);
    expect(run.output()).toContain('SIGHUP (terminal closed): closing the session');
    expect(run.output()).not.toMatch(/\n\s+at /);
    await nothingLeft(run);
  });

  it('a busy loop in learner code and Ctrl+C: stopped at the deadline, nothing left', async () => {
    const run = startLesson(['end-call'], {
      env: { NODE_OPTIONS: `--import ${busyLoopPreload()}`, LESSON_STOP_DEADLINE_MS: '2000' },
    });
    await run.waitFor(BUSY_LOOP_BEGINS);
    run.child.kill('SIGINT');
    const { code } = await run.exited;
    expect(code, run.output()).toBe(137);
    expect(run.output()).toContain('the lesson did not stop within 2 s of SIGINT');
    await nothingLeft(run);
  });

  it('a busy loop in learner code and Ctrl+C typed in the chat: stopped at the deadline, the terminal given back, nothing left', async () => {
    // In the chat the terminal is in raw mode, where Ctrl+C is a keystroke the busy process
    // never reads, unless the kit leaves the terminal's own Ctrl+C (ISIG) on.
    const run = startLesson(['greeting'], {
      pty: true,
      env: { NODE_OPTIONS: `--import ${busyLoopPreload('you>')}`, LESSON_STOP_DEADLINE_MS: '2000' },
    });
    await run.waitFor(BUSY_LOOP_BEGINS, 30_000);
    run.child.stdin!.write('\x03'); // Ctrl+C, as typed
    await run.waitFor('the lesson did not stop within 2 s of SIGINT', 30_000);
    expect((await run.exited).code, run.output()).toBe(137);
    await nothingLeft(run);
  });

  it('the launcher killed (SIGKILL) while learner code busy-loops: nothing left within 5 s', async () => {
    const run = startLesson(['end-call'], { env: { NODE_OPTIONS: `--import ${busyLoopPreload()}` } });
    await run.waitFor(BUSY_LOOP_BEGINS);
    expect(run.alive().length).toBeGreaterThan(0);
    run.child.kill('SIGKILL');
    await nothingLeft(run, 5000);
  });

  it(
    'SIGTERM in the interactive chat: the prompt closes, exit 130, nothing left',
    { timeout: 120_000 },
    async () => {
      const run = startLesson(['greeting'], { pty: true });
      await run.waitFor('you>', 30_000);
      process.kill(runnerOf(run), 'SIGTERM'); // the lesson's own process, not the launcher
      // Generous: this runs beside two busy-looping lessons and the room suites on two cores.
      await run.waitFor('SIGTERM: closing the session', 30_000);
      await run.waitFor(/session closed/, 30_000);
      // script -e exits with the lesson's code.
      expect((await run.exited).code, run.output()).toBe(130);
      await nothingLeft(run, 10_000);
    },
  );

  it('Ctrl+Z in the chat: a line saying it does not pause a lesson, and the chat goes on', async () => {
    const run = startLesson(['greeting'], { pty: true });
    await run.waitFor('you>', 30_000);
    run.child.stdin!.write('\x1a'); // Ctrl+Z, as typed
    await run.waitFor('Ctrl+Z does not pause a lesson', 30_000);
    run.child.stdin!.write('What are your opening hours?\r');
    await run.waitFor(/Greeter .*open/i, 30_000);
    run.child.stdin!.write('\r'); // an empty line ends the chat
    expect((await run.exited).code, run.output()).toBe(0);
    await nothingLeft(run);
  });

  it('Ctrl+Z in a shell with job control: the whole lesson stops, and fg resumes it to its end', async () => {
    // The scripted demo under pnpm in an interactive bash: the terminal stops pnpm and the
    // launcher; the runner (a session of its own) must stop with them, not print behind the shell.
    const tag = `${process.pid}-z`;
    const shell = spawnInTerminal('bash --norc --noprofile -i', {
      cwd: root,
      env: { ...process.env, NO_COLOR: '1', LESSON_FAULT_TAG: tag, PS1: 'shell$ ' },
      detached: true,
    });
    let output = '';
    shell.stdout!.on('data', (d) => (output += d));
    const exited = new Promise((resolve) => shell.on('close', resolve));
    const lesson = () =>
      processesTagged(`LESSON_FAULT_TAG=${tag}`).filter((pid) =>
        readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('lesson.mjs'),
      );
    const state = (pid: number) => processStat(pid)?.state;
    try {
      shell.stdin!.write('pnpm -s lesson end-call </dev/null\r');
      await until(
        () => output.includes('PharmacyLine'),
        30_000,
        () => `the lesson in:\n${output}`,
      );
      shell.stdin!.write('\x1a'); // Ctrl+Z, as typed
      await until(
        () => /Stopped/.test(output),
        30_000,
        () => `the shell's "Stopped" in:\n${output}`,
      );
      // Launcher and runner both stopped (T), not just the launcher.
      await until(
        () => lesson().length === 2 && lesson().every((pid) => state(pid) === 'T'),
        10_000,
        () => `every lesson process stopped: ${described(lesson())}`,
      );
      shell.stdin!.write('fg\r');
      await until(
        () => output.includes('Next: pnpm lesson after-the-call'),
        60_000,
        () => `the end in:\n${output}`,
      );
      shell.stdin!.write('echo "exit=$?"\r');
      await until(
        () => output.includes('exit=0'),
        10_000,
        () => `exit=0 in:\n${output}`,
      );
      shell.stdin!.write('exit\r');
      await exited;
      expect(lesson()).toEqual([]);
    } finally {
      try {
        process.kill(-shell.pid!, 'SIGKILL');
      } catch {
        // ended
      }
    }
  });

  it('the call ends mid-chat (end-call): says so and ends, without waiting for a line', async () => {
    const run = startLesson(['end-call'], { pty: true });
    await run.waitFor('you>', 30_000);
    run.child.stdin!.write('Bye!\r');
    await run.waitFor(/The session closed \([a-z_]+\): the conversation is over\./, 30_000);
    // The lesson's closing line (the next lesson, after-the-call): it ended by itself.
    await run.waitFor('Next: pnpm lesson after-the-call', 10_000);
    await nothingLeft(run, 10_000);
    run.child.stdin!.end();
  });
});

// Concurrent: each case waits mostly on real time (a server starting, an agent joining).
const describeRoom = inject('livekitServer') ? describe.concurrent : describe.skip;

describeRoom('faults, in a room', { timeout: 120_000 }, () => {
  it('the launcher killed (SIGKILL) mid-lesson: server, worker, job and inference processes all end within 5 s', async () => {
    const run = startLesson(['greeting', '--mode', 'local', '--json']);
    await run.waitFor('participant_joined');
    expect(run.alive().length).toBeGreaterThanOrEqual(3); // the runner, the server, a job process at least
    run.child.kill('SIGKILL');
    await nothingLeft(run, 5000);
  });

  it('the agent leaves mid-chat (ctx.shutdown): says so and what Enter does; Enter leaves and checks the room', async () => {
    const run = startLesson(['shutdown-vs-delete', '--mode', 'local'], { pty: true });
    await run.waitFor('you>', 60_000);
    run.child.stdin!.write('You can go now, I will wait here.\r');
    await run.waitFor('The agent has left the room. You are still in it', 30_000);
    await run.waitFor('Press Enter to leave it', 5000);
    run.child.stdin!.write('\r');
    await run.waitFor('room_exists (exists: true)', 30_000);
    expect((await run.exited).code).toBe(0);
    await nothingLeft(run);
  });

  const withCmdline = (run: Run, part: string) =>
    run.alive().filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(part);
      } catch {
        return false;
      }
    });

  it("the agent's job processes killed mid-call: one clear line, exit 1, nothing left", async () => {
    const run = startLesson(['end-call', '--mode', 'local', '--json']);
    await run.waitFor('participant_joined');
    for (const pid of withCmdline(run, 'job_proc_lazy_main')) process.kill(pid, 'SIGKILL');
    expect((await run.exited).code).toBe(1);
    expect(run.output()).toContain("error: the agent's job process ended before its job did");
    expect(run.output()).not.toMatch(/\n\s+at /);
    await nothingLeft(run);
  });

  it('livekit-server suspended (SIGSTOP): one clear line, exit 1, nothing left', async () => {
    const run = startLesson(['end-call', '--mode', 'local', '--json']);
    await run.waitFor('participant_joined');
    const [server] = withCmdline(run, 'livekit-server');
    process.kill(server!, 'SIGSTOP');
    expect((await run.exited).code).toBe(1);
    expect(run.output()).toMatch(/error: livekit-server has not answered for \d+ s/);
    await nothingLeft(run);
  });

  // One signal per stage here (pnpm bench --faults tries every signal at every stage; mid-turn is
  // also local.room.test.ts's case).
  const stages: [string, NodeJS.Signals, string[], string | RegExp][] = [
    ['the agent joining', 'SIGINT', ['greeting'], '"event":"connected"'],
    ['closing', 'SIGHUP', ['end-call'], '"call":"deleteRoom"'],
  ];
  it.each(stages)('%s, %s: exit 130, nothing left', async (_stage, signal, lesson, mark) => {
    const run = startLesson([...lesson, '--mode', 'local', '--json']);
    await run.waitFor(mark);
    run.child.kill(signal);
    expect((await run.exited).code).toBe(130);
    expect(run.output()).not.toMatch(/\n\s+at /);
    await nothingLeft(run);
  });

  it('the server starting (a server that never answers), SIGTERM: exit 130, nothing left', async () => {
    const server = join(fixtures, 'livekit-server');
    writeFileSync(server, '#!/bin/sh\nexec sleep 600\n');
    chmodSync(server, 0o755);
    const run = startLesson(['greeting', '--mode', 'local'], { env: { LIVEKIT_SERVER_BIN: server } });
    await run.waitFor('Starting livekit-server');
    await until(() => run.alive().length >= 2, 10_000, 'the stand-in server');
    run.child.kill('SIGTERM');
    expect((await run.exited).code).toBe(130);
    await nothingLeft(run);
  });

  it('the server build (a stand-in go that never ends), SIGINT: exit 130, nothing left', async () => {
    const bin = mkdtempSync(join(fixtures, 'bin-'));
    writeFileSync(
      join(bin, 'go'),
      '#!/bin/sh\n[ "$1" = version ] && exit 0\nmkdir -p "$GOTMPDIR/go-build1" && echo stand-in > "$GOTMPDIR/go-build1/work"\n' +
        'echo "compiling github.com/stand-in" >&2\nexec sleep 600\n',
    );
    chmodSync(join(bin, 'go'), 0o755);
    // A cache of its own, with no server in it: the build runs whatever the repo's cache holds.
    const cache = mkdtempSync(join(fixtures, 'cache-'));
    const run = startLesson(['greeting', '--mode', 'local'], {
      env: { LIVEKIT_SERVER_BIN: '', LESSON_SERVER_CACHE: cache, PATH: `${bin}:${process.env.PATH}` },
    });
    await run.waitFor('No livekit-server found: building it');
    const goTemp = join(cache, 'go-tmp');
    await until(() => existsSync(goTemp) && readdirSync(goTemp).length > 0, 10_000, "Go's work folder");
    run.child.kill('SIGINT');
    expect((await run.exited).code).toBe(130);
    await nothingLeft(run);
    expect(readdirSync(goTemp)).toEqual([]); // and gone with the interrupted build
  });

  it('the server build, SIGINT while a compiler go started still writes: the folder goes after it', async () => {
    // go's child outlives go by a moment and then writes its work folder, as a compiler can. The
    // runner is started without its supervisor (which kills the group once the runner has gone,
    // and would hide a runner that exits before the child has written).
    const bin = mkdtempSync(join(fixtures, 'bin-'));
    writeStandInGoWithLateWriter(bin);
    const cache = mkdtempSync(join(fixtures, 'cache-'));
    const run = startLesson(['greeting', '--mode', 'local'], {
      env: {
        LIVEKIT_SERVER_BIN: '',
        LESSON_SERVER_CACHE: cache,
        PATH: `${bin}:${process.env.PATH}`,
        LESSON_SUPERVISOR_PID: String(process.pid),
      },
    });
    await run.waitFor('No livekit-server found: building it');
    await until(() => run.alive().length >= 3, 10_000, 'the stand-in go and its child'); // and the runner
    run.child.kill('SIGINT');
    expect((await run.exited).code).toBe(130);
    await nothingLeft(run);
    expect(readdirSync(join(cache, 'go-tmp'))).toEqual([]);
  });
});
