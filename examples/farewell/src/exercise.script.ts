// The offline stand-in for exercise 2 (--exercise and --check), kept out of the learner's file:
// the lesson's script with the exercise's Receptionist, a transfer and three kinds of hang-up.
import { type LessonScript, defineScript } from '@lessons/kit';
import type { voice } from '@livekit/agents';
import type { CallState } from './agent.js';
import lessonScript from './script.js';

/** The script for a module that exports the exercise's Receptionist (learner's, solution, cheat). */
export default function exerciseScript(exercise: {
  Receptionist: new () => voice.Agent<CallState>;
}): LessonScript<CallState> {
  return defineScript<CallState>({
    ...lessonScript,
    agent: () => new exercise.Receptionist(),
    scenes: [
      { title: 'a billing question: the receptionist hands off', turns: lessonScript.turns },
      {
        title: 'a parking question, then the user says bye',
        turns: ['Hi, where do I park?', 'Thanks, bye!'],
      },
      { title: 'a parking question, then the user just leaves', turns: ['Hi, where do I park?'] },
      {
        title: 'a question about an invoice copy, answered at the desk, then the user leaves',
        turns: ['Can I pick up a paper copy of my invoice here?', 'Great, thanks.'],
      },
    ],
    replies: [
      {
        on: 'instructions',
        when: /thank the user for calling/i,
        say: 'Thanks for calling the front desk. Goodbye!',
      },
      { on: 'user', when: /bye/i, say: 'Take care!' },
      { on: 'user', when: /paper copy/i, say: 'Yes, the front desk prints a copy of any invoice.' },
      { on: 'user', when: /^great, thanks/i, say: 'Happy to help.' },
      ...lessonScript.replies,
    ],
  });
}
