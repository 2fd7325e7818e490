// Typed lines reach the agent the way speech does: through an STT and the
// end-of-turn path. Only that path runs `onUserTurnCompleted`; the shortcut
// `generateReply({ userInput })` (and `session.run`) skips the hook.
import { type APIConnectOptions, asLanguageCode, stt, voice } from '@livekit/agents';
import type { AudioFrame } from '@livekit/rtc-node';
import { ReadableStream } from 'node:stream/web';

/** An STT that "hears" what the learner typed. */
export class TypedLineSTT extends stt.STT {
  label = 'typed-line-stt';
  readonly #streams = new Set<TypedLineStream>();

  constructor() {
    super({ streaming: true, interimResults: false, diarization: false, alignedTranscript: false });
  }

  /** Deliver one typed line as a whole user turn: start of speech, final transcript, end. */
  hear(text: string): void {
    for (const stream of this.#streams) stream.hear(text);
  }

  protected async _recognize(): Promise<stt.SpeechEvent> {
    throw new Error('TypedLineSTT only streams');
  }

  stream(options?: { connOptions?: APIConnectOptions }): TypedLineStream {
    const stream = new TypedLineStream(this, options?.connOptions, () => this.#streams.delete(stream));
    this.#streams.add(stream);
    return stream;
  }
}

class TypedLineStream extends stt.SpeechStream {
  label = 'typed-line-stt.stream';

  constructor(
    sttInstance: TypedLineSTT,
    connOptions: APIConnectOptions | undefined,
    private readonly onEnd: () => void,
  ) {
    super(sttInstance, undefined, connOptions);
  }

  hear(text: string): void {
    const alternatives: [stt.SpeechData] = [
      { text, language: asLanguageCode('en'), startTime: 0, endTime: 0, confidence: 1 },
    ];
    this.queue.put({ type: stt.SpeechEventType.START_OF_SPEECH });
    this.queue.put({ type: stt.SpeechEventType.FINAL_TRANSCRIPT, alternatives });
    this.queue.put({ type: stt.SpeechEventType.END_OF_SPEECH });
  }

  protected async run(): Promise<void> {
    // The audio is silence; the words arrive through hear(). Drain until closed.
    for await (const _ of this.input) {
      /* silence */
    }
    this.onEnd();
  }
}

/** A microphone that is never heard from: the session needs an audio input for its STT to run. */
export class SilentAudioInput extends voice.AudioInput {
  constructor() {
    super();
    this.multiStream.addInputStream(new ReadableStream<AudioFrame>({ start() {} }));
  }
}
