// What runs a lesson gets from the launcher that started it (bin/lesson.mjs): how to load the
// lesson's modules, from source or from the build. Below the CLI, so the runners need not import it.
import type { Lesson } from '../lesson/catalogue.js';
import type { ExerciseFile } from '../lesson/exercise-files.js';
import type { LessonScript } from '../lesson/script.js';

export interface LoadedLesson {
  agentModule: Record<string, unknown>;
  script: LessonScript<unknown>;
}

export interface CliHost {
  /** Import a lesson's agent and script modules (from source under tsx, from the build otherwise). */
  loadLesson(lesson: Lesson): Promise<LoadedLesson>;
  /**
   * Paths of the compiled files a worker's job processes load, for --mode local: `agentModule` is
   * the lesson's main (its defineAgent entry), beside the agent.mjs whose classes are traced.
   */
  lessonFiles(lesson: Lesson): Promise<{ agentModule: string; jobEntry: string }>;
  /** Import a lesson's exercise (or its solution) and the exercise's script, for --exercise. */
  loadExercise?(lesson: Lesson, file: ExerciseFile): Promise<LoadedLesson>;
  stdin: NodeJS.ReadStream;
  /** Set by the launcher so the header can be printed before the framework is imported. */
  startedAt?: number;
}
