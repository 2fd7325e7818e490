// Lesson 4: two ways for an agent to end its part in a call, and a third from your backend.
// ctx.shutdown(): the agent leaves; the room and everyone in it stay.
// ctx.deleteRoom(): the room is deleted; everyone in it, SIP callers too, is disconnected.
import { getJobContext, llm, voice } from '@livekit/agents';
import { RoomServiceClient } from 'livekit-server-sdk';
import { z } from 'zod';

export interface Visitor {
  userName: string;
}

export class FrontDesk extends voice.Agent<Visitor> {
  constructor() {
    super({
      instructions:
        'You run the front desk of a meeting room. If the user wants you gone but will stay, leave the call. ' +
        'If the user wants the meeting over for everyone, end it for everyone.',
      tools: {
        // #region shutdown
        leave_call: llm.tool({
          description: 'Leave the call yourself. The user and anyone else stay in the room.',
          parameters: z.object({}),
          execute: async (_args, { ctx }) => {
            // Let the reply that came with this call ("I'll leave you to it") finish first.
            await ctx.waitForPlayout();
            // The job ends: the session closes and the agent disconnects. The room lives on.
            getJobContext().shutdown('the user asked the agent to leave');
            return 'left the call';
          },
        }),
        // #endregion shutdown
        // #region delete-room
        end_meeting: llm.tool({
          description:
            'End the meeting for everyone: the room is deleted and every participant disconnected.',
          parameters: z.object({}),
          execute: async (_args, { ctx }) => {
            await ctx.waitForPlayout();
            // Deletes the room through the server API with the job's own credentials. Everyone,
            // this agent included, is disconnected; the job then shuts down by itself.
            await getJobContext().deleteRoom();
            return 'meeting ended';
          },
        }),
        // #endregion delete-room
      },
    });
  }

  override async onEnter(): Promise<void> {
    this.session.generateReply({
      instructions: `Welcome ${this.session.userData.userName} to the meeting room.`,
    });
  }
}

// #region server-api
/** The third way, from your own backend: no agent involved. Same effect as ctx.deleteRoom(). */
export async function endMeetingFromBackend(
  roomName: string,
  server: { url: string; apiKey: string; apiSecret: string },
): Promise<void> {
  const rooms = new RoomServiceClient(server.url, server.apiKey, server.apiSecret);
  await rooms.deleteRoom(roomName);
}
// #endregion server-api
