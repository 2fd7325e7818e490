// The entry, as in LiveKit's agent-starter-node, with what runs after the call: the session's
// close event (and its reason) ends the job; onSessionEnd runs once the session has closed.
// The one lesson file that uses the kit: the session's models and typed chat as speech.
// Run it as a worker by hand: tsx src/main.ts dev
import { lessonModels, typedChatAsSpeech } from '@lessons/kit';
import { type JobContext, ServerOptions, cli, defineAgent, voice } from '@livekit/agents';
import { fileURLToPath } from 'node:url';
import { type Caller, FrontDesk } from './agent.js';
import script from './script.js';

export default defineAgent({
  entry: async (ctx: JobContext) => {
    await ctx.connect();
    const participant = await ctx.waitForParticipant();
    const session = new voice.AgentSession<Caller>({
      ...(await lessonModels(script)),
      userData: { userName: participant.name || participant.identity },
      // Seconds of silence, on both sides, before the user is marked away (default 15).
      userAwayTimeout: script.sessionOptions?.userAwayTimeout,
    });
    // #region close
    session.on(voice.AgentSessionEventTypes.Close, ({ reason }) => {
      // reason: 'user_initiated' (session.shutdown/close), 'participant_disconnected' (the caller
      // left), 'error'. A closed session does not end the job in 1.9.0: the agent would stay in
      // the room. End the job, so it leaves and the shutdown callbacks run.
      ctx.shutdown(`session closed: ${reason}`);
    });
    // #endregion close
    // #region room-options
    await session.start({
      agent: new FrontDesk(),
      room: ctx.room,
      inputOptions: {
        ...typedChatAsSpeech(session).inputOptions,
        closeOnDisconnect: true, // the default: the caller leaving closes the session
        deleteRoomOnClose: false, // the default: true would delete the room, and hang up on everyone
      },
    });
    // #endregion room-options
  },
  // #region on-session-end
  // Runs once the session has closed, before the agent leaves the room and before the shutdown
  // callbacks: the session report (history, usage, timings) is complete here.
  onSessionEnd: async (ctx: JobContext) => {
    const report = ctx.makeSessionReport();
    if (report.chatHistory.items.length === 0) console.warn('a call with nothing said');
  },
  // #endregion on-session-end
});

// Started as a program, this file is a worker; imported (by the kit's job runner), a module.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  cli.runApp(new ServerOptions({ agent: fileURLToPath(import.meta.url), agentName: 'after-the-call' }));
}
