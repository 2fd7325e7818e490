// Exercise 1, solved: greet by the time of day. Compare it with your src/exercise.ts.
import { voice } from '@livekit/agents';
import type { UserInfo } from './agent.js';

export type { UserInfo };

/** The part of the day an hour (0 to 23) falls in. */
function partOfDay(hour: number): 'morning' | 'afternoon' | 'evening' {
  if (hour < 12) return 'morning';
  if (hour < 18) return 'afternoon';
  return 'evening';
}

export class Greeter extends voice.Agent<UserInfo> {
  /** `hour` is the clock, 0 to 23: the real one by default; the checks pass their own (() => 20 is 8 pm). */
  constructor(private readonly hour: () => number = () => new Date().getHours()) {
    super({ instructions: 'You are a friendly customer service representative.' });
  }

  override async onEnter(): Promise<void> {
    const { userName } = this.session.userData;
    const part = partOfDay(this.hour());
    this.session.generateReply({
      instructions: `Greet ${userName} personally with a good-${part} greeting and offer your assistance.`,
    });
  }
}
