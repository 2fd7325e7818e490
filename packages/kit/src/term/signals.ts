// The signals that end a lesson, from the first instant to the last: Ctrl+C (SIGINT), a kill
// (SIGTERM), a closed terminal window (SIGHUP). The launcher (bin/supervise.mjs) passes each on
// to the runner, and kills everything if the runner has not ended within its deadline.
export const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** What a learner would call the signal, for the "…: closing the session" line. */
export function signalName(signal: NodeJS.Signals): string {
  return signal === 'SIGINT' ? 'Ctrl+C' : signal === 'SIGHUP' ? 'SIGHUP (terminal closed)' : signal;
}

/** A request to stop, by a signal or by the chat (Ctrl+C typed in raw mode): the first one wins. */
export class StopRequest {
  /** Resolves with why, once a stop has been requested. */
  readonly requested: Promise<string>;
  private resolveRequested!: (why: string) => void;
  private why: string | undefined;
  private readonly onSignal = (signal: NodeJS.Signals) => this.request(signalName(signal));

  constructor() {
    this.requested = new Promise((resolve) => (this.resolveRequested = resolve));
    for (const signal of STOP_SIGNALS) process.on(signal, this.onSignal);
  }

  get isRequested(): boolean {
    return this.why !== undefined;
  }

  request(why: string): void {
    if (this.why !== undefined) return;
    this.why = why;
    this.resolveRequested(why);
  }

  dispose(): void {
    for (const signal of STOP_SIGNALS) process.off(signal, this.onSignal);
  }
}
