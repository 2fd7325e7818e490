// The offline stand-in for exercise 6 (--exercise and --check): the lesson's script with the
// exercise's FrontDesk, two calls: one the agent ends, one the caller does.
import { type LessonScript, defineScript } from '@lessons/kit';
import type { voice } from '@livekit/agents';
import type { Caller } from './agent.js';
import lessonScript from './script.js';

/** The script for a module that exports the exercise's FrontDesk (learner's, solution, cheat). */
export default function exerciseScript(exercise: {
  FrontDesk: new () => voice.Agent<Caller>;
}): LessonScript<Caller> {
  const [goodbye, hangsUp] = lessonScript.scenes!;
  return defineScript<Caller>({
    ...lessonScript,
    agent: () => new exercise.FrontDesk(),
    scenes: [goodbye!, hangsUp!],
  });
}
