// `pnpm lesson` given odd or hostile input, as a process: what reaches the learner's terminal,
// and what the learner is told.
import { type ChildProcess, spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { spawnInTerminal, spawnLessonProcess } from '../testing/processes.js';
import { repoRoot } from '../lesson/catalogue.js';

const root = repoRoot();

interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

function finished(child: ChildProcess): Promise<Finished> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d) => (stdout += d));
  child.stderr?.on('data', (d) => (stderr += d));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

/** The launcher pnpm runs, without pnpm (pnpm costs ~0.45 s of CPU a start). */
async function direct(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Finished> {
  const run = spawnLessonProcess(args, env);
  const code = await run.exited;
  return { code, stdout: run.stdout(), stderr: run.stderr() };
}

describe.concurrent('pnpm lesson with odd input', { timeout: 60_000 }, () => {
  // A line break in the name used to leave the stand-in's greeting unmatched (the lessons'
  // scripts read the name with /(.+)/, which stops at a line break), so the agent said nothing.
  it.each(['greeting', 'farewell', 'turn-context', 'shutdown-vs-delete'])(
    '%s: a --user with escape codes and a line break prints no escape byte and still gets its greeting',
    async (name) => {
      const { code, stdout, stderr } = await direct([name, '--user', 'Ada\nLovelace\x1b[2J\x1b]0;x\x07']);
      expect(stderr).toBe('');
      expect(code).toBe(0);
      expect(stdout + stderr).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f]/);
      const agentLines = stdout.split('\n').filter((line) => !line.includes('started'));
      expect(agentLines.join('\n')).toContain('Ada Lovelace');
    },
  );
});

describe('pnpm lesson into a pipe that closes', { timeout: 60_000 }, () => {
  it.each([[['greeting']], [['greeting', '--json']]])(
    '%j | head -1: exits quietly, no EPIPE stack trace',
    async (args) => {
      const child = spawn('node', ['packages/kit/bin/lesson.mjs', ...args], {
        cwd: root,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, NO_COLOR: '1' },
      });
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += d));
      // As head -1 does: read the first line, then close the pipe.
      await new Promise<void>((resolve) =>
        child.stdout.on('data', (d: Buffer) => {
          if (d.includes('\n')) {
            child.stdout.destroy();
            resolve();
          }
        }),
      );
      const code = await new Promise((resolve) => child.on('close', resolve));
      expect(stderr).toBe('');
      expect(code).toBe(0);
    },
  );
});

describe('--json through pnpm', { timeout: 60_000 }, () => {
  const viaPnpm = (args: string[]) => {
    // As a learner's shell runs it: not silenced by a `pnpm -s` these tests run under (pnpm -s
    // test:faults, the bench), which passes npm_config_reporter=silent down to every pnpm below it.
    const { npm_config_reporter: _silenced, ...env } = process.env;
    const child = spawn('pnpm', args, {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...env, NO_COLOR: '1' },
    });
    return finished(child);
  };

  it('pnpm -s lesson --json, as --help says: JSON lines only on stdout', async () => {
    const { code, stdout, stderr } = await viaPnpm(['-s', 'lesson', '--json']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    for (const line of stdout.trim().split('\n')) expect(() => JSON.parse(line), line).not.toThrow();
  });

  it("without -s, pnpm's banner comes first: a note on stderr says to add -s", async () => {
    const { code, stdout, stderr } = await viaPnpm(['lesson', '--json']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^\s*> /); // pnpm's, not ours
    expect(stderr).toMatch(/^note: pnpm printed its own banner .* run pnpm -s lesson … --json\n$/);
  });

  it('--help says how to get JSON lines only', async () => {
    const { stdout } = await direct(['--help']);
    expect(stdout).toMatch(/--json .*pnpm -s lesson … --json/s);
    expect(stdout).toMatch(/Ctrl\+C stops a lesson with exit code 130/);
  });
});

describe('Ctrl+C in the chat', { timeout: 60_000 }, () => {
  it('while the agent answers: no new "you>" prompt after it, and exit 130', async () => {
    // A real terminal: script(1) gives the lesson a pseudo-terminal, so it runs the chat.
    const child = spawnInTerminal('node packages/kit/bin/lesson.mjs greeting', {
      cwd: root,
      env: { ...process.env, NO_COLOR: '1' },
    });
    const done = finished(child);
    let output = '';
    child.stdout!.on('data', (d) => (output += d));
    while (!output.includes('you>')) await new Promise((resolve) => setTimeout(resolve, 50));
    child.stdin!.write('What are your opening hours?\r');
    // Ctrl+C, as typed, soon after: while the turn is being answered (if the answer is already
    // over, there is nothing to see, and the test passes either way).
    await new Promise((resolve) => setTimeout(resolve, 150));
    child.stdin!.write('\x03');
    const { code } = await done;
    expect(code).toBe(130);
    const after = output.slice(output.indexOf('Ctrl+C'));
    expect(after).toMatch(/session closed/);
    expect(after).not.toContain('you>');
  });
});
