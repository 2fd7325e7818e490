// The checks of exercise 6: `pnpm lesson after-the-call --check` runs them against your
// src/exercise.ts; `pnpm test` runs them against the reference solution (src/solution.ts), and the
// kit's tests against the cheats in src/cheats/, which they must catch. Each message is a hint.
import { eventsOf, loadExercisesUnderTest, playExerciseScene } from '@lessons/kit/testing';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import exerciseScript from './exercise.script.js';

type Exercise = typeof import('./solution.js');
const underTest = await loadExercisesUnderTest(
  import.meta.dirname,
  (file) => import(`./${file}.js`) as Promise<Exercise>,
);

/** Play a scene with TRANSCRIPTS_DIR set to a fresh folder: the events and the files written. */
async function play(exercise: Exercise, sceneIndex: number) {
  const dir = mkdtempSync(join(tmpdir(), 'exercise-transcripts-'));
  process.env.TRANSCRIPTS_DIR = dir;
  try {
    const run = await playExerciseScene(exercise, exerciseScript, sceneIndex);
    const files = readdirSync(dir).map((file) => readFileSync(join(dir, file), 'utf8'));
    return { events: run.events, files };
  } finally {
    delete process.env.TRANSCRIPTS_DIR;
    rmSync(dir, { recursive: true, force: true });
  }
}

for (const { title, exercise } of underTest) {
  const scenes = exerciseScript(exercise).scenes!;
  // One call at a time: TRANSCRIPTS_DIR belongs to the whole process.
  describe(`exercise 6 (${title}): the transcript is saved after the call`, { timeout: 60_000 }, () => {
    it.each(scenes.map((scene, index) => [scene.title, index] as const))(
      'when %s, a shutdown callback saves the whole call',
      async (scene, index) => {
        const { events, files } = await play(exercise, index);
        expect(
          eventsOf(events, 'after').filter((a) => a.step === 'shutdown_callback'),
          `When ${scene}, no shutdown callback ran. Register one in onEnter with ` +
            'getJobContext().addShutdownCallback(async () => { ... }): it runs however the call ends',
        ).not.toHaveLength(0);
        expect(files, `When ${scene}, expected one transcript file in TRANSCRIPTS_DIR`).toHaveLength(1);
        const said = eventsOf(events, 'message').map((m) => m.text);
        for (const line of said) {
          expect(
            files[0],
            `When ${scene}, the transcript misses ${JSON.stringify(line)}. Save session.history ` +
              'inside the callback, as it is when the callback runs (not a copy from earlier)',
          ).toContain(line);
        }
      },
    );
  });
}
