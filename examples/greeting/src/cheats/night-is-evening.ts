// A cheat (a fixture of the checks, not an answer): the small hours counted as evening. Passed
// the old check, which never asked before 9 o'clock; the exercise says morning before noon.
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
    const part = hour < 6 || hour >= 18 ? 'evening' : hour < 12 ? 'morning' : 'afternoon';
    this.session.generateReply({
      instructions: `Greet ${userName} personally with a good-${part} greeting and offer your assistance.`,
    });
  }
}
