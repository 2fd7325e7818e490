// A learner's desk: one room per learner id on the shared server (named `learner.<id>`, no one
// ever joins it), whose metadata says which laptop holds the id, what it runs and its last error.
// Workers are invisible to the server's API, rooms are not: so a second laptop with the same id
// finds the desk and refuses, and `pnpm workshop status` reads every learner from the rooms alone.
import type { RoomServiceClient } from 'livekit-server-sdk';
import { hostname } from 'node:os';

export const DESK_PREFIX = 'learner.';
export const deskRoomName = (learner: string) => `${DESK_PREFIX}${learner}`;

/** How often the holder writes `seenAt`, and how old a `seenAt` may be before the desk is free. */
export const HEARTBEAT_MS = 3000;
export const STALE_MS = 12_000;
/** A desk with no one in it lasts this long unless its holder deletes it (or writes it again). */
const DESK_EMPTY_TIMEOUT_S = 4 * 3600; // a workshop day: status shows who has come and gone

export interface DeskRecord {
  kind: 'desk';
  learner: string;
  host: string;
  pid: number;
  /** This run of the lesson: one per process. */
  run: string;
  /**
   * The laptop (learner-id.ts, machineId): the id belongs to a laptop, so a learner's second
   * terminal shares it, and another laptop with the same id (even the same host name) is refused.
   */
  machine: string;
  lesson: string;
  agent: string;
  /** The learner's room now, and whether the agent has joined it. */
  room?: string;
  agentJoined?: boolean;
  lastError?: string;
  /** Date.now() of the holder's last write. */
  seenAt: number;
  /** Set when the holder's run ended: the id is free, and status still shows how it ended. */
  stoppedAt?: number;
}

export function readDesk(metadata: string | undefined): DeskRecord | undefined {
  try {
    const record = JSON.parse(metadata ?? '') as DeskRecord;
    return record?.kind === 'desk' ? record : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Held: its holder wrote it lately. (Not "is that pid alive here": classmates' laptops often share
 * a host name.) The holder's clock wrote `seenAt`: laptops' clocks agree to well within STALE_MS.
 */
export function deskIsHeld(record: DeskRecord, now = Date.now()): boolean {
  return !record.stoppedAt && now - record.seenAt < STALE_MS;
}

export interface Desk {
  /** Merge these fields into the desk (written at once). */
  update(
    fields: Partial<Pick<DeskRecord, 'room' | 'agentJoined' | 'lastError' | 'lesson' | 'agent'>>,
  ): Promise<void>;
  /** Stop the heartbeat and mark the desk stopped: the id is free again; status shows how it ended. */
  release(): Promise<void>;
}

export type Claim = { desk: Desk } | { heldBy: DeskRecord };

/**
 * Claim the learner's desk, or say who holds it. Two laptops starting at the same moment can both
 * find it free; each writes, waits a moment and reads back, and the one whose record is not there
 * has lost. A later overwrite (a race closer than that, or --take-over) is seen by the heartbeat,
 * which calls `onTaken`: the lesson then stops with a clear line, never a silent split.
 */
export async function claimDesk(
  rooms: RoomServiceClient,
  mine: Omit<DeskRecord, 'kind' | 'seenAt' | 'host' | 'pid'>,
  {
    takeOver = false,
    onTaken = () => {},
    settleMs = 400,
  }: {
    takeOver?: boolean;
    onTaken?: (by: DeskRecord) => void;
    settleMs?: number;
  } = {},
): Promise<Claim> {
  const name = deskRoomName(mine.learner);
  const current = async () => readDesk((await rooms.listRooms([name]))[0]?.metadata);
  const before = await current();
  if (before && before.machine !== mine.machine && deskIsHeld(before) && !takeOver) return { heldBy: before };
  let record: DeskRecord = { kind: 'desk', ...mine, host: hostname(), pid: process.pid, seenAt: Date.now() };
  const write = async () => {
    record = { ...record, seenAt: Date.now() };
    const metadata = JSON.stringify(record);
    // CreateRoom on a room that exists returns it unchanged: the metadata is written separately.
    await rooms.createRoom({ name, emptyTimeout: DESK_EMPTY_TIMEOUT_S, metadata });
    await rooms.updateRoomMetadata(name, metadata);
  };
  await write();
  await new Promise((resolve) => setTimeout(resolve, settleMs));
  const after = await current();
  if (after && after.machine !== mine.machine) return { heldBy: after };

  return {
    desk: heldDesk({ record: () => record, set: (r) => (record = r), write, current, mine, onTaken }),
  };
}

/** A desk this run holds: its heartbeat (which notices a take-over), updates, and its release. */
function heldDesk({
  record,
  set,
  write,
  current,
  mine,
  onTaken,
}: {
  record: () => DeskRecord;
  set: (record: DeskRecord) => void;
  write: () => Promise<void>;
  current: () => Promise<DeskRecord | undefined>;
  mine: Pick<DeskRecord, 'machine'>;
  onTaken: (by: DeskRecord) => void;
}): Desk {
  let released = false;
  let writing = Promise.resolve();
  const beat = async () => {
    const now = await current().catch(() => record()); // a network blip is not a take-over
    if (released) return;
    if (now && now.machine !== mine.machine) {
      released = true;
      clearInterval(timer);
      onTaken(now);
      return;
    }
    await write().catch(() => {});
  };
  const timer = setInterval(() => (writing = writing.then(beat)), HEARTBEAT_MS);
  timer.unref();
  return {
    async update(fields) {
      set({ ...record(), ...fields });
      if (!released) await (writing = writing.then(() => write().catch(() => {})));
    },
    async release() {
      if (released) return;
      released = true;
      clearInterval(timer);
      await writing;
      // Only our own desk: a take-over in the meantime is someone else's now.
      if ((await current().catch(() => undefined))?.machine !== mine.machine) return;
      set({ ...record(), stoppedAt: Date.now() });
      await write().catch(() => {});
    },
  };
}

/** The line a second laptop with the same id reads. */
export function deskTakenMessage(learner: string, by: DeskRecord): string {
  return (
    `learner id "${learner}" is in use on ${by.host} (running ${by.lesson}). Two laptops with one id ` +
    'would share a name on the workshop server: choose another with --learner <id> (or LESSON_LEARNER), ' +
    `or, if that laptop is yours and gone, take the id over with --take-over.`
  );
}
