// The offline stand-in's voice in rooms: Flite's kal16, synthesised in a child process, so the
// learner hears the agent with no keys and no network. If that process dies, the agent goes on
// "speaking" silence paced like speech (the SilentVoice), and the learner is told once.
import { type APIConnectOptions, shortuuid, tts } from '@livekit/agents';
import { AudioFrame } from '@livekit/rtc-node';
import { SilentVoice, StandInSentence } from '../standin/silent-voice.js';
import { FLITE_SAMPLE_RATE, SynthesisProcess } from './synthesis-process.js';

const FRAME_SAMPLES = FLITE_SAMPLE_RATE / 50; // 20 ms

export class StandInVoice extends tts.TTS {
  label = 'stand-in-voice';
  readonly synthesis: SynthesisProcess;
  readonly silence = new SilentVoice(FLITE_SAMPLE_RATE);

  constructor({ warn = defaultWarning }: { warn?: (line: string) => void } = {}) {
    super(FLITE_SAMPLE_RATE, 1, { streaming: false });
    // The process warmed before this job, if it is still alive; else one of its own.
    this.synthesis = warmed && !warmed.dead ? warmed : new SynthesisProcess();
    warmed = undefined;
    this.synthesis.onDeath = (why) =>
      warn(`The stand-in voice stopped: ${why}. The agent goes on in silence, paced like speech.`);
  }

  synthesize(text: string, connOptions?: APIConnectOptions, abortSignal?: AbortSignal): tts.ChunkedStream {
    return new StandInSpeech(text, this, connOptions, abortSignal);
  }

  stream(): tts.SynthesizeStream {
    throw new Error('StandInVoice does not stream; the framework wraps it in a StreamAdapter');
  }

  override async close(): Promise<void> {
    this.synthesis.stop();
  }
}

let warmed: SynthesisProcess | undefined;

/**
 * Start the synthesis process ahead of the first voice, which adopts it: a job process calls this
 * as it loads, before any job (a warm worker), so the agent's first sentence does not wait for it.
 */
export function warmStandInVoice(): SynthesisProcess {
  warmed ??= new SynthesisProcess();
  warmed.warm();
  return warmed;
}

/**
 * Where the one line about a lost voice goes. In a room the job sets `tell` to put it on the trace
 * as a note, so the learner reads it where they read the agent: the page, or the terminal.
 */
export const voiceNotices: { tell?: (line: string) => void } = {};

function defaultWarning(line: string): void {
  if (voiceNotices.tell) voiceNotices.tell(line);
  else process.stderr.write(`${line}\n`);
}

class StandInSpeech extends StandInSentence<StandInVoice> {
  label = 'stand-in-voice.chunked';

  protected async run(): Promise<void> {
    let samples: Int16Array;
    try {
      samples = await this.voice.synthesis.synthesize(this.inputText);
    } catch {
      // The synthesis process is gone (said once, by the voice): this sentence in silence.
      for await (const audio of this.voice.silence.synthesize(this.inputText)) this.queue.put(audio);
      return;
    }
    const requestId = shortuuid('stand_in_');
    const frames = Math.max(1, Math.ceil(samples.length / FRAME_SAMPLES));
    for (let i = 0; i < frames; i++) {
      // The last frame padded with silence to a whole 20 ms.
      const data = new Int16Array(FRAME_SAMPLES);
      data.set(samples.subarray(i * FRAME_SAMPLES, (i + 1) * FRAME_SAMPLES));
      this.queue.put({
        requestId,
        segmentId: requestId,
        frame: new AudioFrame(data, FLITE_SAMPLE_RATE, 1, FRAME_SAMPLES),
        final: i === frames - 1,
      });
    }
  }
}
