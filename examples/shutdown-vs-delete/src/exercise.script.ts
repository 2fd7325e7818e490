// The offline stand-in for exercise 4 (--exercise and --check), kept out of the learner's file:
// the lesson's script with the exercise's FrontDesk, and a stand-in that calls leave_call without
// a word (so the only goodbye is the tool's own). Both scenes: leaving, and ending the meeting.
import { type LessonScript, defineScript } from '@lessons/kit';
import type { voice } from '@livekit/agents';
import type { Visitor } from './agent.js';
import lessonScript from './script.js';

/** The script for a module that exports the exercise's FrontDesk (learner's, solution, cheat). */
export default function exerciseScript(exercise: {
  FrontDesk: new () => voice.Agent<Visitor>;
}): LessonScript<Visitor> {
  return defineScript<Visitor>({
    ...lessonScript,
    agent: () => new exercise.FrontDesk(),
    replies: [
      { on: 'user', when: /go now|leave|wait here/i, toolCalls: [{ name: 'leave_call' }] },
      ...lessonScript.replies,
    ],
  });
}
