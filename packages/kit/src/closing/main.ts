// The entry of the closing-table measurement: a session linked to the caller (not the observer),
// the probe agent, and nothing that ends the job on the session's close: the table shows what
// the framework itself does.
import { type JobContext, defineAgent, voice } from '@livekit/agents';
import { lessonModels, typedChatAsSpeech } from '../standin/models.js';
import { defineScript } from '../lesson/script.js';
import { ClosingProbe, WAYS, type Way } from './agent.js';

/** The identities the measurement joins as (learner tokens make `learner-<name>`). */
export const CALLER = 'Caller';
export const OBSERVER = 'Observer';

const script = defineScript<unknown>({
  agent: () => new ClosingProbe('session.shutdown'),
  userData: () => ({}),
  turns: [],
  replies: [],
});

export default defineAgent({
  entry: async (ctx: JobContext) => {
    await ctx.connect();
    const way = ctx.job.metadata as Way;
    if (!(way in WAYS)) throw new Error(`closing table: unknown way ${JSON.stringify(way)}`);
    await ctx.waitForParticipant(`learner-${CALLER.toLowerCase()}`);
    const session = new voice.AgentSession({ ...(await lessonModels(script)) });
    await session.start({
      agent: new ClosingProbe(way),
      room: ctx.room,
      inputOptions: {
        ...typedChatAsSpeech(session).inputOptions,
        participantIdentity: `learner-${CALLER.toLowerCase()}`,
      },
    });
  },
});
