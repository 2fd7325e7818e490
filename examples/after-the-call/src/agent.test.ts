// Offline: however the call ends, the shutdown callback runs once the session has closed and
// saves the whole conversation; a caller who goes quiet is asked once, then the agent ends it.
import { voice } from '@livekit/agents';
import { eventsOf, playTurns, startLesson } from '@lessons/kit/testing';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as agentModule from './agent.js';
import script from './script.js';

const lesson = { agentModule, script };
const [goodbye, hangsUp, away] = script.scenes!;
let dir: string;

/** The one transcript the call wrote, as text. */
function transcript(): string {
  const files = readdirSync(dir);
  expect(files, 'one transcript file per call').toHaveLength(1);
  return readFileSync(join(dir, files[0]!), 'utf8');
}

// One at a time: TRANSCRIPTS_DIR is the process's, and each test checks its own folder.
describe('after-the-call: the transcript is saved after the call, however it ends', () => {
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'transcripts-'));
    process.env.TRANSCRIPTS_DIR = dir;
  });
  afterEach(() => {
    delete process.env.TRANSCRIPTS_DIR;
    rmSync(dir, { recursive: true, force: true });
  });

  it('the caller says goodbye: end_call shuts the session down, then the shutdown callback saves it all', async () => {
    const { events } = await playTurns(await startLesson(lesson, { scene: goodbye }), goodbye!.turns);
    expect(eventsOf(events, 'close')).toEqual([expect.objectContaining({ reason: 'user_initiated' })]);
    const closeAt = events.findIndex((e) => e.type === 'close');
    const savedAt = events.findIndex(
      (e) => e.type === 'after' && e.step === 'shutdown_callback' && e.name === 'saveTheTranscript',
    );
    expect(savedAt).toBeGreaterThan(closeAt);
    const text = transcript();
    expect(text).toContain("Great, that's all. Bye!");
    expect(text).toContain('Happy reading, goodbye!'); // the goodbye, said before the end, is in it
  });

  it('the session closes for another reason (here the run ends): the callback still saves it', async () => {
    const { events } = await playTurns(await startLesson(lesson, { scene: hangsUp }), hangsUp!.turns);
    expect(eventsOf(events, 'after').map((a) => a.name)).toEqual(['saveTheTranscript']);
    expect(transcript()).toContain('Is the library open on Sunday?');
  });

  it('the caller goes quiet: asked once, then a polite goodbye, the session shut down and saved', async () => {
    const started = await startLesson(lesson, { scene: away });
    // The script's userAwayTimeout (4 s) is waited twice: until the caller is marked away, then as
    // long again before the goodbye, 8 s of silence. Until the caller's line is in it stays 4 s
    // (marked away before that line is typed, a loaded machine would play another scene); after
    // it nobody types again, so 0.5 s (read when the agent next goes listening, and by endWhenAway
    // once it has asked) gives the same steps with less silence.
    started.session.on(voice.AgentSessionEventTypes.ConversationItemAdded, ({ item }) => {
      if (item.type === 'message' && item.role === 'user')
        started.session.sessionOptions.userAwayTimeout = 0.5;
    });
    const run = await playTurns(started, away!.turns, { waitForEnd: true });
    const said = eventsOf(run.events, 'message')
      .filter((m) => m.role === 'assistant')
      .map((m) => m.text);
    expect(said.filter((line) => line === 'Are you still there?')).toHaveLength(1);
    expect(said.at(-1)).toBe("I'll end the call now. Goodbye!");
    expect(eventsOf(run.events, 'close')).toEqual([expect.objectContaining({ reason: 'user_initiated' })]);
    expect(transcript()).toContain("I'll end the call now. Goodbye!");
  }, 60_000);
});
