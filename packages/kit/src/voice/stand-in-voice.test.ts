// The stand-in voice speaks (audio as long as the sentence, with energy in it), and when its
// synthesis process dies mid-sentence the speech goes on in silence and the learner is told once.
import { initializeLogger, tts } from '@livekit/agents';
import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { speakingSeconds } from '../standin/silent-voice.js';
import { StandInVoice, warmStandInVoice } from './stand-in-voice.js';

initializeLogger({ pretty: false, level: 'silent' });

const SENTENCE = 'Hello Ada, welcome to the lesson. Say goodbye when you want to end the call.';

async function speak(voice: StandInVoice, text: string) {
  const frames: tts.SynthesizedAudio[] = [];
  for await (const audio of voice.synthesize(text)) frames.push(audio);
  const samples = frames.flatMap((a) => Array.from(new Int16Array(a.frame.data)));
  const seconds = samples.length / voice.sampleRate;
  const rms = Math.sqrt(samples.reduce((sum, s) => sum + s * s, 0) / Math.max(1, samples.length));
  return { frames, seconds, rms };
}

const voices: StandInVoice[] = [];
function newVoice() {
  const warnings: string[] = [];
  const voice = new StandInVoice({ warn: (line) => warnings.push(line) });
  voices.push(voice);
  return { voice, warnings };
}

describe('the stand-in voice', { timeout: 30_000 }, () => {
  afterEach(async () => {
    await Promise.all(voices.splice(0).map((v) => v.close()));
  });

  it('speaks a sentence: seconds of audio, loud enough to hear', async () => {
    const { voice, warnings } = newVoice();
    const { frames, seconds, rms } = await speak(voice, SENTENCE);
    // Fourteen words take a few seconds to say, not a blip and not a minute.
    expect(seconds).toBeGreaterThan(2);
    expect(seconds).toBeLessThan(10);
    // Silence is 0; speech at s16 sits in the thousands.
    expect(rms).toBeGreaterThan(300);
    expect(frames.at(-1)!.final).toBe(true);
    expect(frames.slice(0, -1).every((a) => !a.final)).toBe(true);
    expect(warnings).toEqual([]);
  });

  it('survives its synthesis process dying mid-sentence: silence as long as the words, said once', async () => {
    const { voice, warnings } = newVoice();
    await speak(voice, 'First, a sentence that is spoken.');
    const pid = voice.synthesis.pid!;
    expect(pid).toBeGreaterThan(0);

    // Kill the child as it starts the next sentence (a segfault, as Flite's other voices did).
    const next = speak(voice, SENTENCE);
    process.kill(pid, 'SIGSEGV');
    const cut = await next;
    expect(cut.rms).toBe(0);
    expect(cut.seconds).toBeGreaterThan(speakingSeconds(SENTENCE) - 0.1);
    expect(cut.frames.at(-1)!.final).toBe(true);

    // And the voice goes on, in silence, without saying so again.
    const after = await speak(voice, 'Goodbye.');
    expect(after.rms).toBe(0);
    expect(after.seconds).toBeGreaterThan(0);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/stand-in voice stopped: the synthesis process killed by SIGSEGV/);
    expect(warnings[0]).toMatch(/goes on in silence/);
  });
});

describe('a voice warmed before its job', { timeout: 30_000 }, () => {
  afterEach(async () => {
    await Promise.all(voices.splice(0).map((v) => v.close()));
  });

  it('adopts the process started ahead, already running, and speaks with it', async () => {
    warmStandInVoice();
    const { voice, warnings } = newVoice();
    const warmedPid = voice.synthesis.pid;
    expect(warmedPid).toBeDefined(); // started before the voice asked for a sentence
    expect((await speak(voice, 'Hello there.')).rms).toBeGreaterThan(500);
    expect(voice.synthesis.pid).toBe(warmedPid);
    expect(warnings).toEqual([]);
  });

  it('one that died while waiting for its job is not taken: the voice starts its own, and says nothing', async () => {
    const warmed = warmStandInVoice();
    process.kill(warmed.pid!, 'SIGKILL');
    await expect.poll(() => warmed.dead).toBe(true);
    const { voice, warnings } = newVoice();
    expect(voice.synthesis).not.toBe(warmed);
    expect((await speak(voice, 'Hello there.')).rms).toBeGreaterThan(500);
    expect(warnings).toEqual([]);
  });
});

describe('the synthesis process, from a process with nothing else to do', { timeout: 30_000 }, () => {
  it('keeps that process alive until the speech is back, and not after', async () => {
    const module = `${inject('lessonsBuild')}/packages/kit/src/voice/synthesis-process.mjs`;
    const code = `import { SynthesisProcess } from ${JSON.stringify(module)};
      const samples = await new SynthesisProcess().synthesize('Hello there.');
      console.log(samples.length);`;
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', code], {
      encoding: 'utf8',
      timeout: 20_000,
    });
    // Exits by itself (status 0, not killed by the timeout), having printed the sample count.
    expect(result.status).toBe(0);
    expect(Number(result.stdout.trim())).toBeGreaterThan(8000);
  });
});
