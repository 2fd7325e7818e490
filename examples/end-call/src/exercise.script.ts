// The offline stand-in for exercise 5 (--exercise and --check), kept out of the learner's file:
// calls that end for either reason, worded so the words alone do not give the reason away. The
// stand-in passes end_call a reason; what the tool does with it is the exercise.
import { type LessonScript, defineScript } from '@lessons/kit';
import type { voice } from '@livekit/agents';
import type { Caller } from './agent.js';
import lessonScript from './script.js';

const goodbye = 'Glad I could help. Your prescription will be ready at four. Goodbye, and take care!';

/** The script for a module that exports the exercise's PharmacyLine (learner's, solution, cheat). */
export default function exerciseScript(exercise: {
  PharmacyLine: new () => voice.Agent<Caller & { endReason?: string }>;
}): LessonScript<Caller & { endReason?: string }> {
  return defineScript<Caller & { endReason?: string }>({
    ...lessonScript,
    agent: () => new exercise.PharmacyLine(),
    scenes: [
      { id: 'caller_done', title: 'the caller is done', turns: lessonScript.turns },
      { id: 'wrong_number', title: 'a wrong number', turns: ["Hello, is this Luigi's pizza?"] },
      {
        id: 'wrong_number',
        title: 'a wrong number that says bye',
        turns: ['Sorry, I meant to call my dentist. Bye!'],
      },
      { id: 'caller_done', title: 'a caller done in one line', turns: ["That's all I needed, thanks. Bye!"] },
    ],
    suggestions: ['Is my prescription ready?', 'Bye!', 'Is this the pizza place?'],
    replies: [
      { on: 'user', when: /prescription|ready/i, say: "Yes, it's being prepared now." },
      {
        on: 'user',
        when: /pizza|wrong number/i,
        say: "Sorry, this is the pharmacy: I'm afraid you have the wrong number. Goodbye!",
        toolCalls: [{ name: 'end_call', args: { reason: 'wrong_number' } }],
      },
      {
        on: 'user',
        when: /meant to call/i,
        say: 'No problem, this is the pharmacy. Good luck with the dentist. Goodbye!',
        toolCalls: [{ name: 'end_call', args: { reason: 'wrong_number' } }],
      },
      {
        on: 'user',
        when: /bye|that's all/i,
        say: goodbye,
        toolCalls: [{ name: 'end_call', args: { reason: 'caller_done' } }],
      },
    ],
  });
}
