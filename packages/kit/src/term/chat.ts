// The interactive chat, the same in every mode: the learner types as the user, the agent answers.
import { spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import { pc } from './colors.js';
import type { StopRequest } from './signals.js';

/** How a conversation ended: what to tell the learner, and what Enter does now (if anything). */
export interface ChatEnd {
  what: string;
  /** Set when there is still something to do (leave the room): the chat waits for Enter. */
  enter?: string;
}

export interface ChatPartner {
  /** Deliver one typed line as the user's turn. */
  typeLine(text: string): unknown;
  /** Resolves once the agent has answered (or declined to). */
  quiet(): Promise<void>;
  /** Resolves once there is nobody left to talk to (the session closed, the agent left the room). */
  ended: Promise<ChatEnd>;
}

/**
 * Chat until an empty line, Ctrl+D, a stop (Ctrl+C typed, or a signal) or the end of the
 * conversation, which is said at once rather than after the learner's next line.
 */
export async function chatAtTerminal(
  partner: ChatPartner,
  { intro, suggestions, stop }: { intro: string; suggestions: string[]; stop: StopRequest },
): Promise<void> {
  const rl = createInterface({ input: process.stdin, output: process.stdout, prompt: pc.cyan('you> ') });
  process.stdout.write(pc.dim(`${intro} Try: ${suggestions.map((s) => `"${s}"`).join(', ')}\n`));
  keepCtrlCASignal();
  // Where the terminal's Ctrl+C could not be kept, it is a keystroke: it stops the lesson the same way.
  rl.on('SIGINT', () => stop.request('Ctrl+C'));
  // Readline would suspend the process and wait for a SIGCONT that never comes (the runner's
  // process group has no shell to resume it), leaving the terminal wedged.
  rl.on('SIGTSTP', () =>
    process.stdout.write(
      pc.dim('\n(Ctrl+Z does not pause a lesson: the call would drop. Ctrl+C ends it.)\n'),
    ),
  );
  // Take lines from now on: what is typed while the agent is still greeting is kept, not lost.
  const lines = rl[Symbol.asyncIterator]();
  let ended: ChatEnd | undefined;
  void partner.ended.then((end) => (ended = end));
  const stopped = stop.requested.then(() => ({ stopped: true as const }));
  const endedOrStopped = Promise.race([partner.ended.then((end) => ({ end })), stopped]);
  try {
    if ('stopped' in (await Promise.race([partner.quiet().then(() => ({})), stopped]))) return;
    // One read at a time: a read that lost the race to the end of the call is the one Enter answers.
    let reading: Promise<IteratorResult<string>> | undefined;
    const nextLine = () => (reading ??= lines.next().finally(() => (reading = undefined)));
    for (;;) {
      if (ended) return await sayEnded(ended, nextLine, stopped);
      rl.prompt();
      const next = await Promise.race([nextLine(), endedOrStopped]);
      if ('stopped' in next) return;
      if ('end' in next) {
        process.stdout.write('\n');
        return await sayEnded(next.end, nextLine, stopped);
      }
      const text = next.done ? '' : next.value.trim();
      if (!text) return;
      await partner.typeLine(text);
      await Promise.race([partner.quiet(), stopped]);
      if (stop.isRequested) return;
    }
  } finally {
    rl.close();
  }
}

async function sayEnded(
  end: ChatEnd,
  nextLine: () => Promise<unknown>,
  stopped: Promise<unknown>,
): Promise<void> {
  process.stdout.write(pc.dim(`${end.what}${end.enter ? ` ${end.enter}` : ''}\n`));
  if (end.enter) await Promise.race([nextLine(), stopped]);
}

/**
 * Readline puts the terminal in raw mode, where Ctrl+C is a keystroke only this process reads: if
 * learner code busy-loops, nobody does. With the terminal's own Ctrl+C (ISIG) back on, the key
 * signals the launcher, which passes it on and kills everything if the lesson does not stop in
 * time (bin/supervise.mjs). Ctrl+Z and Ctrl+\ stay keystrokes: suspending or core-dumping the
 * launcher would leave the lesson running behind the shell. Readline restores the terminal as it
 * found it on close. Linux and macOS `stty`; where it fails, Ctrl+C stays a keystroke.
 */
function keepCtrlCASignal(): void {
  if (!process.stdin.isTTY) return;
  spawnSync('stty', ['isig', 'susp', 'undef', 'quit', 'undef'], { stdio: ['inherit', 'ignore', 'ignore'] });
}
