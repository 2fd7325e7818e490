// `pnpm workshop status`: one line a learner, from the server's room API alone (no extra service):
// the learners' desks (workshop/desk.ts) say who runs what and the last error; the learner's room
// says whether the agent that joined it is theirs (livekit-server names it: lk.agent_name).
import { RoomServiceClient } from 'livekit-server-sdk';
import { AGENT_NAME_ATTRIBUTE } from './agent-wait.js';
import { DESK_PREFIX, type DeskRecord, deskIsHeld, readDesk } from './desk.js';
import type { ServerKeys } from './live-desk.js';

export interface LearnerStatus {
  learner: string;
  host: string;
  lesson: string;
  room: string;
  /** running (held), stopped (its run ended), gone (not heard from: a crash, a closed lid). */
  state: 'running' | 'stopped' | 'gone';
  /**
   * yes: the learner's own agent is in the room; no: none yet; crossed: another learner's agent;
   * was / never: the run has ended, and its agent had joined or never did.
   */
  agent: 'yes' | 'no' | 'crossed' | 'was' | 'never' | '-';
  lastError: string;
  seenSecondsAgo: number;
}

export async function readStatus(server: ServerKeys, now = Date.now()): Promise<LearnerStatus[]> {
  const rooms = new RoomServiceClient(server.httpUrl, server.apiKey, server.apiSecret);
  const all = await rooms.listRooms();
  const names = new Set(all.map((room) => room.name));
  const desks = all
    .filter((room) => room.name.startsWith(DESK_PREFIX))
    .map((room) => readDesk(room.metadata))
    .filter((desk): desk is DeskRecord => desk !== undefined);
  const rows = await Promise.all(
    desks.map(async (desk): Promise<LearnerStatus> => {
      const state = deskIsHeld(desk, now) ? 'running' : desk.stoppedAt ? 'stopped' : 'gone';
      let agent: LearnerStatus['agent'] = '-';
      if (state !== 'running') agent = desk.agentJoined ? 'was' : desk.room ? 'never' : '-';
      else if (desk.room && names.has(desk.room)) {
        const people = await rooms.listParticipants(desk.room).catch(() => []);
        const agents = people.map((p) => p.attributes?.[AGENT_NAME_ATTRIBUTE]).filter(Boolean);
        agent = agents.length === 0 ? 'no' : agents.every((name) => name === desk.agent) ? 'yes' : 'crossed';
      }
      return {
        learner: desk.learner,
        host: desk.host,
        lesson: desk.lesson,
        room: desk.room ?? '-',
        state,
        agent,
        lastError: desk.lastError ?? '',
        seenSecondsAgo: Math.max(0, Math.round((now - (desk.stoppedAt ?? desk.seenAt)) / 1000)),
      };
    }),
  );
  return rows.sort((a, b) => a.learner.localeCompare(b.learner));
}

/** The table: a header, then one line a learner; the last error cut to one line. */
export function formatStatus(rows: LearnerStatus[], at = new Date()): string {
  const head = ['learner', 'host', 'lesson', 'state', 'agent', 'room', 'last error'];
  const cells = rows.map((r) => [
    r.learner,
    r.host,
    r.lesson,
    r.state === 'running' ? 'running' : `${r.state} ${r.seenSecondsAgo}s ago`,
    {
      yes: 'joined',
      no: 'not yet',
      crossed: 'NOT THEIRS',
      was: 'had joined',
      never: 'never joined',
      '-': '-',
    }[r.agent],
    r.room,
    r.lastError.split('\n')[0]!.slice(0, 100) || '-',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) =>
    c.map((cell, i) => (i === c.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ');
  const running = rows.filter((r) => r.state === 'running').length;
  return [
    `${rows.length} learner${rows.length === 1 ? '' : 's'} (${running} running) at ${at.toISOString().slice(11, 19)} UTC`,
    ...(rows.length
      ? [line(head), ...cells.map(line)]
      : ['(no learner has started a lesson on this server yet)']),
  ].join('\n');
}
