// A scene's typed lines, played as a learner would type them: each once the agent is quiet.

/** Whom the lines are typed to: the offline session, or the agent in a room. */
export interface TurnTaker {
  /** Type `text` as the user, as if into the chat. */
  typeLine(text: string): unknown;
  /** Resolves once the agent has gone quiet (listening, nothing left to say). */
  quiet(): Promise<void>;
}

/** Type each of `turns` once the agent is quiet, until `over()` says the conversation has ended. */
export async function typeTurns(
  taker: TurnTaker,
  turns: readonly string[],
  over: () => boolean = () => false,
): Promise<void> {
  await taker.quiet();
  for (const turn of turns) {
    if (over()) break;
    await taker.typeLine(turn);
    await taker.quiet();
  }
}
