// The offline stand-in for exercise 3 (--exercise and --check), kept out of the learner's file:
// the lesson's script, with the exercise's SupportAgent, lines with e-mail addresses in them, and a
// reply that says so when an address reaches the model.
import { type LessonScript, defineScript } from '@lessons/kit';
import type { voice } from '@livekit/agents';
import type { Caller } from './agent.js';
import lessonScript from './script.js';

const ADDRESS = /[\w.+-]+@[\w-]+\.[\w.-]+/;

/** The script for a module that exports the exercise's SupportAgent (learner's, solution, cheat). */
export default function exerciseScript(exercise: {
  SupportAgent: new () => voice.Agent<Caller>;
}): LessonScript<Caller> {
  return defineScript<Caller>({
    ...lessonScript,
    agent: () => new exercise.SupportAgent(),
    turns: [
      'My email is ada@example.com, where is my delivery?',
      'Please write to bob.smith+x@mail.co.uk about my delivery today',
      'My card is 4242 4242 4242 4242, can you check the refund?',
    ],
    suggestions: ['My email is ada@example.com, where is my delivery?', 'How fast is delivery?'],
    replies: [
      {
        on: 'user',
        when: ADDRESS,
        say: ({ text }) => `I can see your address, ${ADDRESS.exec(text)![0]}, in plain text.`,
      },
      ...lessonScript.replies,
    ],
  });
}
