// The one change this project makes to @livekit/agents (patches/@livekit__agents@1.9.0.patch):
// on close, the framework waits 500 ms for the STT's final transcript, so that the user's last
// words are not lost. With the patch it waits only if audio ever reached the STT; a session that
// was only ever typed to has nothing to flush, and closes without the wait.
import { voice } from '@livekit/agents';
import { AudioFrame } from '@livekit/rtc-node';
import { ReadableStream } from 'node:stream/web';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as agentModule from '../../../../examples/greeting/src/agent.js';
import script from '../../../../examples/greeting/src/script.js';
import { eventsOf, startLesson } from '../testing/index.js';

const lesson = { agentModule, script };
const FLUSH_WAIT_MS = 500; // the framework's own figure, in audio_recognition.ts commitUserTurn

/** One frame of silence into the session's microphone: enough for the STT to have been given audio. */
function sendOneAudioFrame(session: voice.AgentSession<unknown>): void {
  const frame = new AudioFrame(new Int16Array(480), 48_000, 1, 480);
  // The stand-in microphone's own input (an AudioInput set after start is not attached again).
  const microphone = session.input.audio as unknown as {
    multiStream: { addInputStream(stream: ReadableStream<AudioFrame>): string };
  };
  microphone.multiStream.addInputStream(new ReadableStream<AudioFrame>({ start: (c) => c.enqueue(frame) }));
}

/** When the framework's STT pipeline first got audio (internal: read only to know the test's premise holds). */
const sttInputStartedAt = (session: voice.AgentSession<unknown>) =>
  (session as unknown as { activity?: { inputStartedAt?: number } }).activity?.inputStartedAt;

afterEach(() => vi.restoreAllMocks());

describe('closing a session: the wait for the STT (patched)', () => {
  it('typed to only (no audio ever): the close schedules no wait for a final transcript', async () => {
    const run = await startLesson(lesson);
    await run.quiet();
    expect(sttInputStartedAt(run.session), 'no audio reached the STT').toBeUndefined();
    const timers = vi.spyOn(globalThis, 'setTimeout');
    await run.close();
    const waits = timers.mock.calls.map(([, ms]) => ms);
    expect(waits, 'timers set while closing').not.toContain(FLUSH_WAIT_MS);
    expect(eventsOf(run.events, 'close').at(-1)?.reason).toBe('user_initiated');
  });

  it('audio reached the STT: the close still waits, and words that arrive meanwhile are kept', async () => {
    const run = await startLesson(lesson);
    await run.quiet();
    sendOneAudioFrame(run.session);
    await vi.waitFor(() => expect(sttInputStartedAt(run.session)).toBeDefined(), { timeout: 10_000 });

    const closing = run.close();
    // The STT's last words come in after the close began, within the framework's wait.
    await new Promise((resolve) => setTimeout(resolve, 50));
    run.typeLine('one more thing');
    await closing;
    const userLines = eventsOf(run.events, 'message').filter((m) => m.role === 'user');
    expect(userLines.map((m) => m.text)).toContain('one more thing');
  });
});
