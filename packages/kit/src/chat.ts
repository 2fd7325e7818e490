// The interactive chat, the same in every mode: the learner types as the user, the agent answers.
import { createInterface } from 'node:readline';
import { pc } from './colors.js';

export interface ChatPartner {
  /** Deliver one typed line as the user's turn. */
  say(text: string): unknown;
  /** Resolves once the agent has answered (or declined to). */
  quiet(): Promise<void>;
  /** True once there is nobody left to talk to (the session closed, the agent left the room). */
  ended(): boolean;
}

/** Chat until an empty line, Ctrl+D, Ctrl+C (which calls `stop`) or the end of the conversation. */
export async function chatAtTerminal(
  partner: ChatPartner,
  {
    intro,
    suggestions,
    stop,
  }: { intro: string; suggestions: string[]; stop: (why: string) => Promise<void> },
): Promise<void> {
  const rl = createInterface({ input: process.stdin, output: process.stdout, prompt: pc.cyan('you> ') });
  process.stdout.write(pc.dim(`${intro} Try: ${suggestions.map((s) => `"${s}"`).join(', ')}\n`));
  // After Ctrl+C, no new prompt: the reply it cut short still ends, and must not print "you>".
  let stopping = false;
  rl.on('SIGINT', () => {
    stopping = true;
    void stop('Ctrl+C').then(() => rl.close());
  });
  // Take lines from now on: what is typed while the agent is still greeting is kept, not lost.
  const lines = rl[Symbol.asyncIterator]();
  await partner.quiet();
  if (!stopping) rl.prompt();
  for await (const line of { [Symbol.asyncIterator]: () => lines }) {
    const text = line.trim();
    if (!text) break;
    await partner.say(text);
    await partner.quiet();
    if (stopping || partner.ended()) break;
    rl.prompt();
  }
  rl.close();
}
