// How far along the learner is: what each exercise's last check said, and how many hints they
// have read. A small JSON file in the checkout, git-ignored; nothing leaves the machine.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { type Lesson, repoRoot } from './catalogue.js';

/** The state file: LESSON_PROGRESS_FILE, or .lessons-progress.json at the repo root. */
export function progressFile(root = repoRoot(), env: NodeJS.ProcessEnv = process.env): string {
  return env.LESSON_PROGRESS_FILE || join(root, '.lessons-progress.json');
}

interface LessonProgress {
  /** The last --check of the learner's exercise: did it pass, and on which content of the file. */
  check?: { passed: boolean; sha1: string; at: string };
  /** How many of the lesson's hints --hint has shown. */
  hintsShown?: number;
}

export interface Progress {
  lessons: Record<string, LessonProgress>;
}

export function readProgress(file = progressFile()): Progress {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<Progress>;
    return { lessons: parsed.lessons && typeof parsed.lessons === 'object' ? parsed.lessons : {} };
  } catch {
    return { lessons: {} }; // none yet, or unreadable: start again rather than fail a check
  }
}

/** Change one lesson's entry; written whole and renamed into place, so a reader never sees half. */
export function updateProgress(
  lesson: string,
  change: (entry: LessonProgress) => LessonProgress,
  file = progressFile(),
): void {
  const progress = readProgress(file);
  const entry = change({ ...progress.lessons[lesson] });
  if (Object.keys(entry).length) progress.lessons[lesson] = entry;
  else delete progress.lessons[lesson];
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(progress, null, 2) + '\n');
  renameSync(tmp, file);
}

export function sha1Of(path: string): string | undefined {
  try {
    return createHash('sha1').update(readFileSync(path)).digest('hex');
  } catch {
    return undefined;
  }
}

const exerciseFileOf = (lesson: Pick<Lesson, 'dir'>) => join(lesson.dir, 'src', 'exercise.ts');

/** Remember what a check of the learner's exercise said (of the file as it is now). */
export function recordCheck(lesson: Pick<Lesson, 'name' | 'dir'>, passed: boolean, file = progressFile()) {
  const sha1 = sha1Of(exerciseFileOf(lesson)) ?? '';
  updateProgress(lesson.name, (e) => ({ ...e, check: { passed, sha1, at: new Date().toISOString() } }), file);
}

/**
 * Where an exercise stands: `passed` (the last check passed on the file as it is now), `edited`
 * (it passed, but the file changed since), `failed` (the last check did not pass) or `unchecked`.
 */
export type ExerciseStatus = 'passed' | 'edited' | 'failed' | 'unchecked';

export function exerciseStatus(lesson: Pick<Lesson, 'name' | 'dir'>, progress: Progress): ExerciseStatus {
  const check = progress.lessons[lesson.name]?.check;
  if (!check) return 'unchecked';
  if (!check.passed) return 'failed';
  return check.sha1 === sha1Of(exerciseFileOf(lesson)) ? 'passed' : 'edited';
}
