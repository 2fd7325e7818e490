// Lesson 1: greet the user by name the moment the agent starts, with onEnter.
import { voice } from '@livekit/agents';

// #region userdata
/** What the session knows about the user: typed, and read in every hook as this.session.userData. */
export interface UserInfo {
  userName: string;
}
// #endregion userdata

// #region greeter
export class Greeter extends voice.Agent<UserInfo> {
  constructor() {
    super({ instructions: 'You are a friendly customer service representative.' });
  }

  // Runs once, as soon as this agent becomes the session's active agent: before the user says anything.
  // `override` makes TypeScript check the name: a misspelt hook would otherwise never run, silently.
  override async onEnter(): Promise<void> {
    const { userName } = this.session.userData;
    // Instructions for this one reply, added to the agent's own. Not awaited: onEnter should return quickly.
    this.session.generateReply({
      instructions: `Greet ${userName} personally and offer your assistance.`,
    });
  }
}
// #endregion greeter
