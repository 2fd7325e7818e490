// In a real room: each way the call ends closes the session with its reason, the agent leaves,
// onSessionEnd and then the shutdown callback run (reported after the room, by the kit's file),
// and the transcript file exists.
import { type RoomRun, type RoomTestLesson, eventsOf, startRoomTestLesson } from '@lessons/kit/testing';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import script from './script.js';

const server = inject('livekitServer');
let lesson: RoomTestLesson;
let dir: string;
const describeRoom = server ? describe.concurrent : describe.skip;
const [goodbye, hangsUp, away] = script.scenes!;

/** The transcript the call's job wrote (its files are named after the job id). */
function transcriptOf({ events }: RoomRun): string {
  const agent = eventsOf(events, 'room').find((e) => e.event === 'participant_joined')!.identity!;
  const jobId = agent.replace(/^agent-/, '');
  const files = readdirSync(dir).filter((file) => file.startsWith(`${jobId}-`));
  expect(files, `one transcript for job ${jobId}`).toHaveLength(1);
  return readFileSync(join(dir, files[0]!), 'utf8');
}

function afterTheCall(run: RoomRun) {
  const closeAt = run.events.findIndex((e) => e.type === 'close');
  const after = run.events.slice(closeAt).filter((e) => e.type === 'after');
  return after.map((e) => (e.type === 'after' ? `${e.step}:${e.name}:${e.result}` : ''));
}

describeRoom('after-the-call in a room', { timeout: 120_000 }, () => {
  beforeAll(async () => {
    // Before the worker starts: its job processes inherit the environment.
    dir = mkdtempSync(join(tmpdir(), 'room-transcripts-'));
    process.env.TRANSCRIPTS_DIR = dir;
    lesson = (await startRoomTestLesson('after-the-call', { build: inject('lessonsBuild'), server }))!;
  });
  afterAll(async () => {
    await lesson?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the caller says goodbye: closed user_initiated, the agent left, the room stays, saved', async () => {
    const run = await lesson.play({ scene: goodbye, turns: goodbye!.turns, afterCall: true });
    expect(eventsOf(run.events, 'close')).toEqual([expect.objectContaining({ reason: 'user_initiated' })]);
    expect(eventsOf(run.events, 'room')).toContainEqual(
      expect.objectContaining({ event: 'room_exists', exists: true, participants: [run.learner.identity] }),
    );
    expect(afterTheCall(run)).toEqual([
      'onSessionEnd:onSessionEnd:ok',
      'shutdown_callback:saveTheTranscript:ok',
    ]);
    expect(transcriptOf(run)).toContain('Happy reading, goodbye!');
  });

  it('the caller hangs up: closeOnDisconnect closes it (participant_disconnected), then saved', async () => {
    const run = await lesson.play({ scene: hangsUp, turns: hangsUp!.turns, afterCall: true });
    expect(eventsOf(run.events, 'close')).toEqual([
      expect.objectContaining({ reason: 'participant_disconnected' }),
    ]);
    expect(afterTheCall(run)).toEqual([
      'onSessionEnd:onSessionEnd:ok',
      'shutdown_callback:saveTheTranscript:ok',
    ]);
    expect(transcriptOf(run)).toContain('Is the library open on Sunday?');
  });

  it('the caller goes quiet: asked once, a goodbye, closed user_initiated, then saved', async () => {
    const run = await lesson.play({ scene: away, turns: away!.turns, afterCall: true });
    const said = eventsOf(run.events, 'message')
      .filter((m) => m.role === 'assistant')
      .map((m) => m.text);
    expect(said.filter((line) => line === 'Are you still there?')).toHaveLength(1);
    expect(eventsOf(run.events, 'close')).toEqual([expect.objectContaining({ reason: 'user_initiated' })]);
    expect(afterTheCall(run)).toEqual([
      'onSessionEnd:onSessionEnd:ok',
      'shutdown_callback:saveTheTranscript:ok',
    ]);
    expect(transcriptOf(run)).toContain("I'll end the call now. Goodbye!");
  });
});
