// A lesson's exercise files: the learner's src/exercise.ts, the reference solution, the cheats
// (wrong answers the checks must catch), and which of them a run uses.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Lesson } from './catalogue.js';

/** Which file the exercise's tests import: the learner's, the reference solution, or a cheat. */
export type ExerciseFile = 'exercise' | 'solution' | `cheats/${string}`;

/**
 * The file `--check` and `--exercise` use: `exercise` (the learner's), unless LESSON_EXERCISE_FILE
 * says `solution` (the kit's own tests, and an instructor showing the answer) or `cheats/<name>`
 * (one of the wrong answers in src/cheats/ that the checks must catch).
 */
export function exerciseFileFrom(env: NodeJS.ProcessEnv = process.env): ExerciseFile {
  const file = env.LESSON_EXERCISE_FILE;
  if (file === 'solution' || /^cheats\/[\w-]+$/.test(file ?? '')) return file as ExerciseFile;
  return 'exercise';
}

/** The repo-relative path of a lesson's exercise (or solution) file. */
export function exercisePath(lesson: Pick<Lesson, 'name'>, file: ExerciseFile = 'exercise'): string {
  return `examples/${lesson.name}/src/${file}.ts`;
}

/** Does the lesson come with an exercise to run and check? */
export function hasExercise(lesson: Pick<Lesson, 'dir'>): boolean {
  const src = join(lesson.dir, 'src');
  return ['exercise.ts', 'solution.ts', 'exercise.test.ts'].every((file) => existsSync(join(src, file)));
}
