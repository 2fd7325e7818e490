// The closing table, measured: each way of ending a call, in a fresh room on a real livekit-server
// with the caller and one more participant (the observer), and what each of them saw.
import type { LessonEvent } from '../trace/events.js';
import { type Learner, joinAsLearner } from '../room/learner.js';
import { type RoomLesson, startRoomLesson } from '../room/room-lesson.js';
import type { LocalServer } from '../room/server.js';
import { PENDING_LINE, WAYS, type Way } from './agent.js';
import { CALLER, OBSERVER } from './main.js';

export interface ClosingRow {
  way: string;
  /** Did the observer get the whole line that was being spoken? */
  speech: 'plays out' | 'cut off';
  agentLeaves: 'yes' | 'yes (the room is gone)' | 'no';
  roomExists: 'yes' | 'no';
  /** Was the observer disconnected, and why. */
  othersDisconnected: string;
  shutdownCallbacks: 'yes' | 'no';
  closeReason: string;
}

export const COLUMNS: [keyof ClosingRow, string][] = [
  ['way', 'way to end'],
  ['speech', 'pending speech'],
  ['agentLeaves', 'agent leaves'],
  ['roomExists', 'room still exists'],
  ['othersDisconnected', 'others disconnected'],
  ['shutdownCallbacks', 'shutdown callbacks run'],
  ['closeReason', 'close reason'],
];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
async function until(test: () => boolean, ms: number): Promise<void> {
  const deadline = performance.now() + ms;
  while (!test() && performance.now() < deadline) await sleep(25);
}

/** One way, in its own room. Generous waits: a busy machine is slow, never wrong. */
async function measureWay(lesson: RoomLesson, server: LocalServer, way: Way): Promise<ClosingRow> {
  const events: LessonEvent[] = [];
  const seen: LessonEvent[] = [];
  const { roomName, learner: caller } = await lesson.open(CALLER, (e) => events.push(e), {
    title: way,
    turns: [],
    id: way,
  });
  const observer: Learner = await joinAsLearner(server, roomName, OBSERVER, (e) => seen.push(e));
  let observerReason = '';
  void observer.disconnected.then((reason) => (observerReason = reason));
  await caller.agentJoined(60_000);
  // The line has started when its first words reach the observer; then the outside ways act.
  await until(() => observer.firstTranscriptAt !== undefined, 30_000);
  await sleep(800);
  if (way === 'server.deleteRoom') await lesson.rooms.deleteRoom(roomName);
  if (way === 'caller.leaves') await caller.leave();
  // What the call ending does, given time: the agent gone or the observer out, then a little more.
  await until(() => !observer.agentPresent || !observer.room.isConnected, 15_000);
  await sleep(2000);
  const exists = (await lesson.rooms.listRooms([roomName])).length > 0;
  const agentLeft =
    !observer.agentPresent ||
    seen.some((e) => e.type === 'room' && e.event === 'participant_left' && e.identity?.startsWith('agent-'));
  // The job reports what ran after the call by a file; a job that does not end never says "done".
  const ended = await lesson.afterCall(roomName, 8000);
  const heard = seen
    .filter(
      (e): e is Extract<LessonEvent, { type: 'message' }> => e.type === 'message' && e.role === 'assistant',
    )
    .map((e) => e.text);
  const close = events.find((e): e is Extract<LessonEvent, { type: 'close' }> => e.type === 'close');
  const row: ClosingRow = {
    way: WAYS[way],
    speech: heard.includes(PENDING_LINE) ? 'plays out' : 'cut off',
    agentLeaves: !exists ? 'yes (the room is gone)' : agentLeft ? 'yes' : 'no',
    roomExists: exists ? 'yes' : 'no',
    othersDisconnected: observerReason ? `yes (${observerReason})` : 'no',
    shutdownCallbacks:
      ended && events.some((e) => e.type === 'after' && e.step === 'shutdown_callback') ? 'yes' : 'no',
    closeReason: close?.reason ?? 'none (the session stays open)',
  };
  // Clean up: whatever is left of the call goes.
  await Promise.allSettled([caller.leave(), observer.leave()]);
  if (exists) await lesson.rooms.deleteRoom(roomName).catch(() => {});
  return row;
}

/** Every way, one after another (a 2-core machine measures one call at a time more truly). */
export async function measureClosingTable(
  server: LocalServer | Omit<LocalServer, 'process' | 'stop'>,
  build: string,
): Promise<ClosingRow[]> {
  const lesson = await startRoomLesson({
    server,
    lessonName: 'closing-table',
    agentModule: `${build}/packages/kit/src/closing/main.mjs`,
    jobEntry: `${build}/packages/kit/src/room/job-entry.mjs`,
  });
  try {
    const rows: ClosingRow[] = [];
    for (const way of Object.keys(WAYS) as Way[]) rows.push(await measureWay(lesson, lesson.server, way));
    return rows;
  } finally {
    await lesson.stop();
  }
}

/** The rows as a Markdown table. */
export function closingTableMarkdown(rows: ClosingRow[]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [
    line(COLUMNS.map(([, title]) => title)),
    line(COLUMNS.map(() => '---')),
    ...rows.map((row) =>
      line(COLUMNS.map(([key]) => (key === 'way' && row.way.includes('(') ? `\`${row.way}\`` : row[key]))),
    ),
  ].join('\n');
}
