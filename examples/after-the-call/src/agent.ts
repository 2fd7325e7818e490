// Lesson 6: after the call. Whatever ends it (a goodbye, the caller hanging up, the caller going
// quiet), the job runs its shutdown callbacks once the session has closed and the room is left:
// the place to save what was said.
import { getJobContext, llm, voice } from '@livekit/agents';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';

export interface Caller {
  userName: string;
}

// #region transcript
/** Where transcripts go: $TRANSCRIPTS_DIR, or ./transcripts (git-ignored in this project). */
export const transcriptsDir = () => process.env.TRANSCRIPTS_DIR || 'transcripts';

/** The conversation as JSON, one file per call. */
export async function saveTranscript(history: llm.ChatContext, callId: string): Promise<string> {
  await mkdir(transcriptsDir(), { recursive: true });
  const file = join(transcriptsDir(), `${callId}-${Date.now()}.json`);
  await writeFile(file, JSON.stringify(history.toJSON({ excludeTimestamp: false }), null, 2));
  return file;
}
// #endregion transcript

// #region away
/**
 * userAwayTimeout only marks the user 'away' (that many seconds of silence on both sides), once:
 * the state stays 'away' until they speak, and nothing else happens unless you act on it.
 * Ask once; if they are still away as long again, say goodbye and end the call.
 */
export function endWhenAway(session: voice.AgentSession<Caller>): void {
  session.on(voice.AgentSessionEventTypes.UserStateChanged, async ({ newState }) => {
    if (newState !== 'away') return;
    const ask = 'The caller has gone quiet. Ask once if they are still there.';
    await session.generateReply({ instructions: ask }).waitForPlayout();
    const seconds = session.sessionOptions.userAwayTimeout ?? 15;
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
    if (session.userState !== 'away') return; // they came back
    const goodbye = 'The caller is still silent. Say a short, polite goodbye: you are ending the call.';
    await session.generateReply({ instructions: goodbye }).waitForPlayout();
    session.shutdown({ drain: true });
  });
}
// #endregion away

const instructions =
  "You answer a library's phone line. When the caller says goodbye, say goodbye and end the call.";

// #region front-desk
export class FrontDesk extends voice.Agent<Caller> {
  constructor() {
    super({
      instructions,
      tools: {
        end_call: llm.tool({
          description: 'End the call once the caller is done. Say goodbye in the same reply.',
          parameters: z.object({}),
          execute: async (_args, { ctx }) => {
            await ctx.waitForPlayout(); // the goodbye first (lesson 5)
            ctx.session.shutdown({ drain: true }); // closes the session: reason user_initiated
            return 'call ended';
          },
        }),
      },
    });
  }

  override async onEnter() {
    // The shutdown callback: it runs however the call ends, after the session has closed and
    // the agent has left the room, so the history is complete. Registered once per job.
    const job = getJobContext();
    const session = this.session;
    job.addShutdownCallback(async function saveTheTranscript() {
      await saveTranscript(session.history, job.job.id);
    });
    endWhenAway(session);
    this.session.generateReply({
      instructions: `Greet ${this.session.userData.userName} by name and ask how you can help.`,
    });
  }
}
// #endregion front-desk
