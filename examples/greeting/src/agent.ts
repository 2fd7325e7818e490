// Lesson 1: greet the user by name the moment the agent starts, with onEnter.
import { lessonModels, typedChatAsSpeech } from '@lessons/kit';
import { type JobContext, ServerOptions, cli, defineAgent, voice } from '@livekit/agents';
import { fileURLToPath } from 'node:url';
import script from './script.js';

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

// #region entry
export default defineAgent({
  entry: async (ctx: JobContext) => {
    await ctx.connect();
    const participant = await ctx.waitForParticipant();
    const session = new voice.AgentSession<UserInfo>({
      ...(await lessonModels(script)), // the offline stand-in, or OpenAI's models in live mode
      userData: { userName: participant.name || participant.identity },
    });
    // Typed chat takes the end-of-turn path, as speech does, so every hook runs for it (lesson 3).
    await session.start({ agent: new Greeter(), room: ctx.room, ...typedChatAsSpeech(session) });
  },
});
// #endregion entry

// Started as a program (`tsx src/agent.ts dev`), this file is a worker; imported, it is a module.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  cli.runApp(new ServerOptions({ agent: fileURLToPath(import.meta.url), agentName: 'greeting' }));
}
