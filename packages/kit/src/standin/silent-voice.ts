// The offline stand-in's voice, for rooms: silence, as long as the words would take to say.
// With it the agent publishes a real audio track, the transcript is synchronised to it, and
// waitForPlayout() waits for real playout, so the end-call lesson shows what waiting means.
import { type APIConnectOptions, shortuuid, tts } from '@livekit/agents';
import { AudioFrame } from '@livekit/rtc-node';

const SAMPLE_RATE = 24_000;
const FRAME_MS = 20;

/**
 * Syllables a second: the rate LiveKit's transcript synchroniser assumes for speech it has no
 * timings for (3.83 in @livekit/agents 1.9.0). Spoken at that rate, the silence ends when the
 * synchronised transcript does, as with a real voice.
 */
const SYLLABLES_PER_SECOND = 3.83;

export function speakingSeconds(text: string): number {
  const syllables = text
    .split(/\s+/)
    .filter(Boolean)
    .reduce((sum, word) => sum + Math.max(1, word.toLowerCase().match(/[aeiouy]+/g)?.length ?? 0), 0);
  // A margin: our syllable count is rougher than the synchroniser's, and the transcript must
  // be out before the audio ends, as it would be for real speech.
  return (syllables / SYLLABLES_PER_SECOND) * 1.3;
}

export class SilentVoice extends tts.TTS {
  label = 'silent-voice';

  constructor(sampleRate = SAMPLE_RATE) {
    super(sampleRate, 1, { streaming: false });
  }

  synthesize(text: string, connOptions?: APIConnectOptions, abortSignal?: AbortSignal): tts.ChunkedStream {
    return new SilentSpeech(text, this, connOptions, abortSignal);
  }

  stream(): tts.SynthesizeStream {
    throw new Error('SilentVoice does not stream; the framework wraps it in a StreamAdapter');
  }
}

/** One sentence of a stand-in voice, made whole by `run()`; the framework plays it out in frames. */
export abstract class StandInSentence<Voice extends tts.TTS> extends tts.ChunkedStream {
  constructor(
    text: string,
    protected readonly voice: Voice,
    connOptions?: APIConnectOptions,
    abortSignal?: AbortSignal,
  ) {
    super(text, voice, connOptions, abortSignal);
  }
}

class SilentSpeech extends StandInSentence<SilentVoice> {
  label = 'silent-voice.chunked';

  protected async run(): Promise<void> {
    const { sampleRate } = this.voice;
    const samplesPerFrame = (sampleRate * FRAME_MS) / 1000;
    const frames = Math.max(1, Math.ceil((speakingSeconds(this.inputText) * 1000) / FRAME_MS));
    const requestId = shortuuid('silent_');
    for (let i = 0; i < frames; i++) {
      this.queue.put({
        requestId,
        segmentId: requestId,
        frame: new AudioFrame(new Int16Array(samplesPerFrame), sampleRate, 1, samplesPerFrame),
        final: i === frames - 1,
      });
    }
  }
}
