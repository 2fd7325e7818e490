// A text output paced like speech. Without audio there is nothing to play out, so
// `waitForPlayout()` would return at once and the end-call lesson would show nothing.
// Here each word takes time to "say", and the framework waits for it as it waits for audio.
import type { voice } from '@livekit/agents';

/** `TextOutput` is not exported by @livekit/agents 1.9.0; this is its shape. */
type TextOutput = NonNullable<voice.AgentSession['output']['transcription']>;

export class PacedTextOutput {
  constructor(private readonly msPerWord: number) {}

  async captureText(text: string | voice.TimedString): Promise<void> {
    const words = (typeof text === 'string' ? text : text.text).trim().split(/\s+/).filter(Boolean).length;
    if (words > 0 && this.msPerWord > 0)
      await new Promise((resolve) => setTimeout(resolve, words * this.msPerWord));
  }

  flush(): void {}
  onAttached(): void {}
  onDetached(): void {}

  asTextOutput(): TextOutput {
    return this as unknown as TextOutput;
  }
}
