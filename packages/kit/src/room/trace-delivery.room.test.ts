// The job's report of a call that ends its part in the room (ctx.deleteRoom(), ctx.shutdown())
// reaches the learner before the room goes. Sent as text, it could still be on its way when the
// room was deleted, and was lost (a soak run of the suite lost the deleteRoom report so); as an RPC
// the learner answers, the call goes ahead only once the learner has it, and after the events
// sent before it.
import { Room } from '@livekit/rtc-node';
import { AccessToken, RoomServiceClient } from 'livekit-server-sdk';
import { randomBytes } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { createReporter } from '../trace/reporter.js';
import { joinAsLearner } from './learner.js';
import { deliverTraceEvent } from './trace-delivery.js';

const server = inject('livekitServer');
const describeRoom = server ? describe : describe.skip;

/** A participant standing in for the job's side of the room (the sender is all that matters here). */
async function joinAsSender(roomName: string): Promise<Room> {
  const token = new AccessToken(server!.apiKey, server!.apiSecret, { identity: `sender-${roomName}` });
  token.addGrant({ room: roomName, roomJoin: true, canPublishData: true });
  const room = new Room();
  await room.connect(server!.url, await token.toJwt(), { autoSubscribe: false, dynacast: false });
  return room;
}

describeRoom('the trace of a call that ends the job’s part in the room', { timeout: 60_000 }, () => {
  it('is in the learner’s events when the room is deleted the moment it is sent', async () => {
    const rooms = new RoomServiceClient(server!.httpUrl, server!.apiKey, server!.apiSecret);
    for (let round = 0; round < 10; round++) {
      const roomName = `delivery-${randomBytes(4).toString('hex')}`;
      await rooms.createRoom({ name: roomName });
      const reporter = createReporter({ json: true, write: () => {}, startedAt: performance.now() });
      const learner = await joinAsLearner(server!, roomName, 'Ada', reporter.sink);
      const sender = await joinAsSender(roomName);
      for (const deadline = Date.now() + 10_000; sender.remoteParticipants.size === 0;) {
        if (Date.now() > deadline) throw new Error('the sender never saw the learner');
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      // As the end-call lesson's hasty agent does: its tool's event, then the call.
      const tool = { type: 'tool', name: 'end_call', args: {}, agent: 'HastyLine' };
      await deliverTraceEvent(sender, JSON.stringify(tool), false);
      await deliverTraceEvent(sender, JSON.stringify({ type: 'job', call: 'deleteRoom' }), true);
      await rooms.deleteRoom(roomName); // as the job's ctx.deleteRoom() does next
      expect(
        reporter.events.filter((e) => e.type === 'job' || e.type === 'tool'),
        `round ${round}`,
      ).toEqual([expect.objectContaining(tool), expect.objectContaining({ call: 'deleteRoom' })]);
      await Promise.all([learner.leave(), sender.disconnect()]);
    }
  });
});
