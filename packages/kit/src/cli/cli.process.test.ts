// `pnpm lesson` as a learner runs it: a process, its output and its exit code.
import { type ChildProcess, spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../lesson/catalogue.js';
import type { TimedEvent } from '../trace/events.js';
import { spawnInTerminal } from '../testing/processes.js';

const root = repoRoot();

interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

function finished(child: ChildProcess, started = performance.now()): Promise<Finished> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d) => (stdout += d));
  child.stderr?.on('data', (d) => (stderr += d));
  return new Promise((resolve) =>
    child.on('close', (code, signal) =>
      resolve({ code, signal, stdout, stderr, ms: performance.now() - started }),
    ),
  );
}

/**
 * `pnpm lesson …` with stdin not a terminal (so lessons play their scripted demo). With
 * `direct`, the same command without the pnpm launcher (`node packages/kit/bin/lesson.mjs`,
 * what the script runs): pnpm costs ~0.45 s of CPU a start, a lot on a 2-core machine.
 */
function lesson(...args: string[]): Promise<Finished> {
  return spawnLesson(['pnpm', '-s', 'lesson'], args);
}
const direct = (...args: string[]) => spawnLesson(['node', 'packages/kit/bin/lesson.mjs'], args);

function spawnLesson([command, ...prefix]: string[], args: string[]): Promise<Finished> {
  const child = spawn(command!, [...prefix, ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    // No progress of the learner's own: the list's "Next" must not depend on it.
    env: { ...process.env, NO_COLOR: '1', LESSON_PROGRESS_FILE: '/nonexistent/lessons-progress.json' },
  });
  return finished(child);
}

const parse = (stdout: string): TimedEvent[] =>
  stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as TimedEvent);

/** What each lesson's scripted demo must show: its hooks and tools, in order. */
const EXPECTED_TRACE: Record<string, string[]> = {
  greeting: ['hook Greeter.onEnter'],
  farewell: [
    'hook Receptionist.onEnter',
    'tool transfer_to_billing',
    'hook Receptionist.onExit',
    'hook BillingAgent.onEnter',
  ],
  'turn-context': ['hook SupportAgent.onEnter', ...Array(4).fill('hook SupportAgent.onUserTurnCompleted')],
  'shutdown-vs-delete': [
    'hook FrontDesk.onEnter',
    'tool leave_call',
    'job shutdown',
    'hook FrontDesk.onEnter',
    'tool end_meeting',
    'job deleteRoom',
  ],
  'end-call': [
    'hook PharmacyLine.onEnter',
    'tool end_call',
    'job deleteRoom',
    'hook HastyLine.onEnter',
    'tool end_call',
    'job deleteRoom',
    'hook FrameworkLine.onEnter',
    'tool end_call',
    'job shutdown',
    'job deleteRoom',
  ],
  // Offline the session's close does not end a job (there is none): no ctx.shutdown here.
  'after-the-call': [
    'hook FrontDesk.onEnter',
    'tool end_call',
    'hook FrontDesk.onEnter',
    'hook FrontDesk.onEnter',
  ],
};

const trace = (events: TimedEvent[]) =>
  events.flatMap((e) =>
    e.type === 'hook'
      ? [`hook ${e.agent}.${e.hook}`]
      : e.type === 'tool'
        ? [`tool ${e.name}`]
        : e.type === 'job'
          ? [`job ${e.call}`]
          : [],
  );

describe.concurrent('pnpm lesson', { timeout: 30_000 }, () => {
  it('lists the six lessons and the next step', async () => {
    const { code, stdout, stderr } = await lesson();
    expect(code).toBe(0);
    expect(stderr).toBe('');
    for (const name of Object.keys(EXPECTED_TRACE)) expect(stdout).toContain(name);
    expect(stdout).toContain('Next: pnpm lesson greeting');
  });

  it('greets Ada: an onEnter hook event before an assistant message containing "Ada"', async () => {
    const { code, stdout, stderr } = await lesson('greeting', '--user', 'Ada', '--json');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const events = parse(stdout);
    expect(trace(events)).toEqual(EXPECTED_TRACE.greeting);
    const hook = events.findIndex((e) => e.type === 'hook' && e.hook === 'onEnter');
    const greeting = events.findIndex((e) => e.type === 'message' && e.role === 'assistant');
    expect(hook).toBeGreaterThan(-1);
    expect(hook).toBeLessThan(greeting);
    expect((events[greeting] as { text: string }).text).toContain('Ada');
    expect(events[0]).toMatchObject({ type: 'start', lesson: 'greeting', mode: 'offline', user: 'Ada' });
    expect(events.at(-1)).toMatchObject({ type: 'close', reason: 'user_initiated' });
  });

  for (const [name, expected] of Object.entries(EXPECTED_TRACE).filter(([name]) => name !== 'greeting')) {
    it(`plays the ${name} demo to the end: exit 0, a JSON stream with the hook order`, async () => {
      const { code, stdout, stderr } = await direct(name, '--json');
      expect(stderr).toBe('');
      expect(code).toBe(0);
      const events = parse(stdout); // every line is JSON, or this throws
      expect(trace(events)).toEqual(expected);
      expect(events.filter((e) => e.type === 'close').length).toBeGreaterThan(0);
    });
  }

  it('prints a readable transcript without --json, ending with the next step', async () => {
    const { code, stdout } = await direct('turn-context');
    expect(code).toBe(0);
    expect(stdout).toMatch(/offline stand-in \(scripted, not an AI\)/);
    expect(stdout).toMatch(/▸ hook\s+SupportAgent\.onUserTurnCompleted/);
    expect(stdout).toMatch(/threw StopResponse/);
    expect(stdout).toMatch(/Next: pnpm lesson shutdown-vs-delete/);
    expect(stdout).not.toMatch(/\x1b\[/); // no colour when not on a terminal
  });

  it('rejects an unknown lesson: exit 2, one line naming the lessons, no stack trace', async () => {
    const { code, stdout, stderr } = await lesson('nope');
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      'error: unknown lesson "nope". Lessons: greeting, farewell, turn-context, shutdown-vs-delete, end-call, after-the-call.\n',
    );
  });

  it.each([
    [['greting'], /^error: unknown lesson "greting"\. Did you mean greeting\?/],
    [['greeting', '--jsn'], /^error: unknown option --jsn\. Did you mean --json\?/],
    [['greeting', '--mode', 'cloud'], /^error: unknown mode "cloud"\. .*Valid modes: offline, local, live\./],
  ])('rejects %j: exit 2, one line, no stack trace', async (args, message) => {
    const { code, stdout, stderr } = await direct(...args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(message);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('answers --help with usage', async () => {
    const { code, stdout } = await direct('--help');
    expect(code).toBe(0);
    expect(stdout).toMatch(/--mode <mode>/);
  });

  it('ends an interactive session on Ctrl+C within 5 s, leaving no process behind', async () => {
    // A real terminal: script(1) gives the lesson a pseudo-terminal, so it runs the chat.
    const { child, done, output } = await inTerminal('pnpm -s lesson greeting', 'you>');
    const interruptedAt = performance.now();
    child.stdin!.write('\x03'); // Ctrl+C, as typed
    const result = await done;
    const ms = performance.now() - interruptedAt;
    expect(ms).toBeLessThan(5000);
    expect(output()).toMatch(/Ctrl\+C: closing the session/);
    expect(output()).toMatch(/session closed/);
    expect(output()).not.toMatch(/\n\s+at /);
    expect(result.code).toBe(130);
    expect(() => process.kill(-child.pid!, 0)).toThrow(); // the whole process group is gone
  });

  it('one Ctrl+C under pnpm in a terminal closes the session (pnpm passes the same SIGINT on again)', async () => {
    // The scripted demo (standard input not a terminal) with a terminal to press Ctrl+C in: the
    // terminal signals pnpm and the launcher, and pnpm forwards its SIGINT to the launcher too.
    const { child, done, output } = await inTerminal('pnpm -s lesson end-call </dev/null', 'PharmacyLine');
    child.stdin!.write('\x03'); // Ctrl+C, as typed
    const result = await done;
    expect(output()).toMatch(/Ctrl\+C: closing the session/);
    expect(output()).toMatch(/session closed/);
    expect(output()).not.toMatch(/SIGINT again/);
    expect(result.code, output()).toBe(130);
    expect(() => process.kill(-child.pid!, 0)).toThrow(); // the whole process group is gone
  });
});

/** `command` in a pseudo-terminal (script(1)), in a process group of its own, once it has printed `ready`. */
async function inTerminal(command: string, ready: string) {
  const child = spawnInTerminal(command, {
    cwd: root,
    env: { ...process.env, NO_COLOR: '1' },
    detached: true,
  });
  const done = finished(child);
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  await waitFor(() => output.includes(ready), 60_000); // generous: a loaded machine is slow to start
  return { child, done, output: () => output };
}

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error('timed out waiting for the lesson');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
