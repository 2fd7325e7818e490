// A cheat (a fixture of the checks, not an answer): the hours today's check sampled, hard-coded.
// Passed the old check (9, 12, 17, 18 and 20 o'clock); the hours in between give it away.
import { voice } from '@livekit/agents';
import type { UserInfo } from '../agent.js';

export type { UserInfo };

export class Greeter extends voice.Agent<UserInfo> {
  constructor(private readonly hour: () => number = () => new Date().getHours()) {
    super({ instructions: 'You are a friendly customer service representative.' });
  }

  override async onEnter(): Promise<void> {
    const { userName } = this.session.userData;
    const hour = this.hour();
    const part = hour === 9 ? 'morning' : hour === 18 || hour === 20 ? 'evening' : 'afternoon';
    this.session.generateReply({
      instructions: `Greet ${userName} personally with a good-${part} greeting and offer your assistance.`,
    });
  }
}
