// What only a room shows: after ctx.shutdown() the room and the learner stay and the agent is
// gone; after ctx.deleteRoom() the room is gone and the learner was disconnected.
import { eventsOf, describeRoomLesson } from '@lessons/kit/testing';
import { expect, it } from 'vitest';
import script from './script.js';

const [leave, end] = script.scenes!;

describeRoomLesson('shutdown-vs-delete', 'shutdown-vs-delete in a room', (lesson) => {
  it('ctx.shutdown(): the agent leaves; the room still exists with the learner in it', async () => {
    const { events, roomName, learner } = await lesson.play({ scene: leave, turns: leave!.turns });
    expect(eventsOf(events, 'job')).toEqual([expect.objectContaining({ call: 'shutdown' })]);
    const room = eventsOf(events, 'room');
    const agent = room.find((e) => e.event === 'participant_joined')!.identity;
    expect(room.some((e) => e.event === 'participant_left' && e.identity === agent)).toBe(true);
    expect(room.at(-1)).toMatchObject({
      event: 'room_exists',
      exists: true,
      participants: [learner.identity],
    });
    // Checked against the server API too, and the learner is still connected.
    expect((await lesson.rooms.listRooms([roomName])).map((r) => r.name)).toEqual([roomName]);
    expect(learner.room.isConnected).toBe(true);
    await learner.leave();
  });

  it('ctx.deleteRoom(): the room is gone, and the learner was disconnected because of it', async () => {
    const { events, roomName, learner } = await lesson.play({ scene: end, turns: end!.turns });
    expect(eventsOf(events, 'job')).toEqual([expect.objectContaining({ call: 'deleteRoom' })]);
    expect(await learner.disconnected).toBe('ROOM_DELETED');
    const room = eventsOf(events, 'room').map((e) => e.event);
    expect(room).toContain('room_deleted');
    expect(eventsOf(events, 'room').at(-1)).toMatchObject({ event: 'room_exists', exists: false });
    expect(await lesson.rooms.listRooms([roomName])).toEqual([]);
    // The goodbye was played out before the room went.
    const goodbye = eventsOf(events, 'message').find(
      (m) => m.role === 'assistant' && m.text.startsWith('Ending the meeting'),
    );
    expect(goodbye?.text).toBe('Ending the meeting for everyone now. Goodbye!');
  });
});
