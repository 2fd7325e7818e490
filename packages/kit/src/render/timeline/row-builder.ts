// What the timeline's rows are built from: the canvas, the lanes, the events, and what building
// them remembers from one event to the next.
import type { LessonEvent, TimedEvent } from '../../trace/events.js';
import type { Canvas, RowDrawing } from './canvas.js';
import type { Lane, Lanes } from './lanes.js';

/** A row of the diagram: one event, its height, and how to draw it at y. */
export type Row = RowDrawing & { event: TimedEvent };

/** What the rows are built from, and what building them remembers from one event to the next. */
export interface RowBuilder {
  canvas: Canvas;
  lanes: Lanes;
  events: readonly TimedEvent[];
  rows: Row[];
  /** The agent that acted last: the source of job calls. */
  current?: Lane;
  /** The line typed last, drawn already: its message in the history is drawn only if it changed. */
  lastInput?: string;
  /** Each open hook's message at its start, to show a change at its end. */
  hookMessages: Map<string, string | undefined>;
}

export type EventOf<K extends LessonEvent['type']> = Extract<TimedEvent, { type: K }>;

/** The lane of the agent named, else the agent that acted last. */
export const agentLane = (b: RowBuilder, name: string | undefined): Lane =>
  (name && b.lanes.byKey(name)) || b.current || b.lanes.all[1] || b.lanes.user;

/** A label beside a lane, in up to two lines, for an event that has no arrow to draw. */
export const labelRow = (
  b: RowBuilder,
  e: TimedEvent,
  at: Lane,
  text: string,
  mark?: (y: number) => void,
): Row => ({
  event: e,
  height: b.canvas.tall(22, at.x, text),
  draw: (y) => {
    mark?.(y);
    b.canvas.label(at.x, y, text, 'bold', 10, 2);
  },
});
