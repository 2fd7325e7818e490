// The offline stand-in for exercise 1 (--exercise and --check), kept out of the learner's file:
// the lesson's script, with the exercise's Greeter, and a line for a time-of-day greeting.
import { type LessonScript, defineScript } from '@lessons/kit';
import type { voice } from '@livekit/agents';
import type { UserInfo } from './agent.js';
import lessonScript from './script.js';

const PART = /\bgood[- ]?(morning|afternoon|evening)\b/i;

/** The script for a module that exports the exercise's Greeter (the learner's, the solution, a cheat). */
export default function exerciseScript(exercise: {
  Greeter: new () => voice.Agent<UserInfo>;
}): LessonScript<UserInfo> {
  return defineScript<UserInfo>({
    ...lessonScript,
    agent: () => new exercise.Greeter(),
    replies: [
      {
        on: 'instructions',
        when: PART,
        // Anything else the instructions ask, the stand-in quotes (its rendering carries it all).
        say: ({ text, given }) =>
          `Good ${PART.exec(text)![1]!.toLowerCase()}, ${given.userName ?? 'there'}! How can I help you today?`,
      },
      ...lessonScript.replies,
    ],
  });
}
