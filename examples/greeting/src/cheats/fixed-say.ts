// A cheat (a fixture of the checks, not an answer): a fixed line with session.say(), never asking
// the model. Right words, wrong skill: the exercise is about generateReply's instructions.
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
    const part = hour < 12 ? 'morning' : hour < 18 ? 'afternoon' : 'evening';
    this.session.say(`Good ${part}, ${userName}! How can I help you today?`);
  }
}
