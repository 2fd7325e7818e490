// The timeline's lanes: the user, each agent in order of appearance, and the room/job if anything
// happened there; spread evenly across the picture's width.
import type { TimedEvent } from '../../trace/events.js';
import { AGENT_COLORS, PAD, TIME_W } from './style.js';

export type Lane = { key: string; label: string; kind: 'user' | 'agent' | 'room'; x: number; color: string };

export const USER = 'user';
export const ROOM = 'room/job';

export interface Lanes {
  all: Lane[];
  user: Lane;
  room: Lane | undefined;
  /** The picture's width, and the room each lane has. */
  width: number;
  span: number;
  byKey(key: string): Lane | undefined;
}

export type StartEvent = Extract<TimedEvent, { type: 'start' }>;

export function layOutLanes(
  events: readonly TimedEvent[],
  start: StartEvent | undefined,
  { laneWidth = 120, minWidth = 680 }: { laneWidth?: number; minWidth?: number },
): Lanes {
  const agents: string[] = [];
  const seeAgent = (name: string | undefined) => {
    if (name && !agents.includes(name)) agents.push(name);
  };
  for (const e of events) {
    if (e.type === 'hook' || e.type === 'hook_end' || e.type === 'tool') seeAgent(e.agent);
    else if (e.type === 'message' && e.role === 'assistant') seeAgent(e.agent ?? 'agent');
  }
  const hasRoom = events.some((e) => e.type === 'job' || e.type === 'room');
  const specs: Omit<Lane, 'x'>[] = [
    { key: USER, label: start ? `user (${start.user})` : 'user', kind: 'user', color: 'user' },
    ...agents.map((name, i) => ({
      key: name,
      label: name,
      kind: 'agent' as const,
      color: AGENT_COLORS[i % AGENT_COLORS.length]!,
    })),
    ...(hasRoom ? [{ key: ROOM, label: 'room / job', kind: 'room' as const, color: 'room' }] : []),
  ];
  const n = specs.length;
  const width = Math.ceil(Math.max(minWidth, TIME_W + 2 * PAD + n * laneWidth));
  const span = (width - TIME_W - 2 * PAD) / n;
  const all = specs.map((lane, i) => ({ ...lane, x: TIME_W + PAD + span * (i + 0.5) }));
  const byKey = (key: string) => all.find((l) => l.key === key);
  return { all, user: all[0]!, room: byKey(ROOM), width, span, byKey };
}
