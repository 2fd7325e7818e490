// Exercise 1: greet by the time of day: "Good morning" before noon, "Good afternoon" until six,
// "Good evening" after that.
//   Run it:   pnpm lesson greeting --exercise
//   Check it: pnpm lesson greeting --check
// Ask the model: the check reads what onEnter asked generateReply for, at every hour of the day.
// A fixed session.say() greeting does not count: this lesson is about a reply's instructions.
// Stuck? src/solution.ts is one answer; src/exercise.test.ts is what --check runs (and
// src/exercise.script.ts how the offline stand-in answers).
import { voice } from '@livekit/agents';
import type { UserInfo } from './agent.js';

export type { UserInfo };

export class Greeter extends voice.Agent<UserInfo> {
  /** `hour` is the clock, 0 to 23: the real one by default; the checks pass their own (() => 20 is 8 pm). */
  constructor(private readonly hour: () => number = () => new Date().getHours()) {
    super({ instructions: 'You are a friendly customer service representative.' });
  }

  override async onEnter(): Promise<void> {
    const { userName } = this.session.userData;
    // TODO: greet by the time of day. Read this.hour() and pick the part of the day: "morning"
    // before 12, "afternoon" before 18, "evening" from 18 on. Then put it in the instructions:
    //   `Greet ${userName} personally with a good-${part} greeting and offer your assistance.`
    this.session.generateReply({
      instructions: `Greet ${userName} personally and offer your assistance.`,
    });
  }
}
