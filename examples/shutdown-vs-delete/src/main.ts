// The entry, as in LiveKit's agent-starter-node: a worker whose job starts a session with this
// lesson's agent (src/agent.ts). The one lesson file that uses the kit, for two things: the
// session's models (the offline stand-in, or OpenAI's in live mode) and typed chat as speech.
// Run it as a worker by hand: tsx src/main.ts dev
import { lessonModels, typedChatAsSpeech } from '@lessons/kit';
import { type JobContext, ServerOptions, cli, defineAgent, voice } from '@livekit/agents';
import { fileURLToPath } from 'node:url';
import { FrontDesk, type Visitor } from './agent.js';
import script from './script.js';

export default defineAgent({
  entry: async (ctx: JobContext) => {
    await ctx.connect();
    const participant = await ctx.waitForParticipant();
    const session = new voice.AgentSession<Visitor>({
      ...(await lessonModels(script)),
      userData: { userName: participant.name || participant.identity },
    });
    // Typed chat takes the end-of-turn path, as speech does, so every hook runs for it (lesson 3).
    await session.start({ agent: new FrontDesk(), room: ctx.room, ...typedChatAsSpeech(session) });
  },
});

// Started as a program, this file is a worker; imported (by the kit's job runner), a module.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  cli.runApp(new ServerOptions({ agent: fileURLToPath(import.meta.url), agentName: 'shutdown-vs-delete' }));
}
