// The timeline's rows, one function per kind of event: each adds the rows its event draws, with
// their heights, and how to draw them once the rows are placed. Calls and handoffs: call-rows.ts.
import type { LessonEvent, TimedEvent } from '../../trace/events.js';
import { handoffRow, hookEndRow, hookRow, jobRow, toolEndRow, toolRow } from './call-rows.js';
import { type EventOf, type RowBuilder, agentLane } from './row-builder.js';
import { CHAR_W, LINE_H } from './style.js';
import { text as svgText } from './svg.js';
import { wrap } from './text.js';

type RowsOf = { [K in LessonEvent['type']]?: (e: EventOf<K>, b: RowBuilder) => void };

function inputRow(e: EventOf<'input'>, b: RowBuilder): void {
  b.lastInput = e.text;
  b.rows.push({ event: e, height: 24, draw: (y) => b.canvas.bar(b.lanes.user, y, e.text, false) });
}

function messageRow(e: EventOf<'message'>, b: RowBuilder): void {
  const { canvas } = b;
  if (e.role === 'user') {
    const typed = b.lastInput;
    b.lastInput = undefined;
    // The typed line is already drawn; what is new is only a change on its way to the history.
    if (typed === e.text) return;
    const text = typed === undefined ? e.text : `kept as: ${e.text}`;
    const user = b.lanes.user;
    b.rows.push({
      event: e,
      height: typed === undefined ? 24 : 20,
      draw: (y) => {
        if (typed === undefined) canvas.bar(user, y, text, false);
        else {
          canvas.dot(user, y, 'hollow', 3.5);
          canvas.label(user.x, y, text, 'sub');
        }
      },
    });
    return;
  }
  const l = agentLane(b, e.agent);
  b.current = l;
  b.rows.push({
    event: e,
    height: 24,
    draw: (y) => {
      if (e.interrupted) canvas.bar(l, y, `${e.text.trim()} ✂ interrupted`, true);
      else canvas.bar(l, y, e.text, false);
    },
  });
}

function roomLabel(e: EventOf<'room'>): string {
  const who = [e.identity, e.reason].filter(Boolean).join(', ');
  if (e.event === 'room_exists') {
    const people = e.participants?.length ? `; in it: ${e.participants.join(', ')}` : '';
    return `room_exists: ${e.exists === undefined ? '?' : String(e.exists)}${people}`;
  }
  return who ? `${e.event} (${who})` : e.event;
}

function roomRow(e: EventOf<'room'>, b: RowBuilder): void {
  const room = b.lanes.room;
  b.rows.push({
    event: e,
    height: 22,
    draw: (y) => {
      if (!room) return;
      const bad = e.event === 'disconnected' || e.event === 'room_deleted' || e.exists === false;
      b.canvas.dot(room, y, bad ? 'alert-mark' : 'fill');
      b.canvas.label(room.x, y, roomLabel(e), bad ? 'alert' : '');
    },
  });
}

function noteRow(e: EventOf<'note'>, b: RowBuilder): void {
  const user = b.lanes.user;
  const lines = wrap(`note: ${e.text}`, Math.floor((b.canvas.right - user.x - 10) / CHAR_W), 2);
  b.rows.push({
    event: e,
    height: 8 + lines.length * 14,
    draw: (y) =>
      lines.forEach((line, i) =>
        b.canvas.layers.labels.push(svgText({ x: user.x - 6, y: y + 4 + i * 14, class: 'halo note' }, line)),
      ),
  });
}

function sceneRow(e: EventOf<'scene'>, b: RowBuilder): void {
  b.lastInput = undefined;
  const title = `Scene ${e.index} of ${e.of}: ${e.title}`;
  const extra = (b.canvas.ruleLabelLines(title).length - 1) * LINE_H;
  b.rows.push({
    event: e,
    height: 34 + extra,
    draw: (y) => {
      // A call the scene before never ended (its room went away first) ends with its scene.
      b.canvas.endAll(y - 8);
      b.canvas.ruleWithLabel(y + 2, 'scene', title);
    },
  });
}

function closeRow(e: EventOf<'close'>, b: RowBuilder): void {
  const why = e.error ? `${e.reason}, ${e.error}` : e.reason;
  b.rows.push({
    event: e,
    height: 30,
    draw: (y) => b.canvas.ruleWithLabel(y, 'close', `■ session closed: ${why}`),
  });
}

/** The row builder of each event kind; start is the header, and agent_state, speech and anything newer are not drawn. */
const ROWS: RowsOf = {
  hook: hookRow,
  hook_end: hookEndRow,
  input: inputRow,
  message: messageRow,
  tool: toolRow,
  tool_end: toolEndRow,
  handoff: handoffRow,
  job: jobRow,
  room: roomRow,
  note: noteRow,
  scene: sceneRow,
  close: closeRow,
};

/** Add the rows of one event. */
export function addRows(e: TimedEvent, b: RowBuilder): void {
  (ROWS[e.type] as ((e: TimedEvent, b: RowBuilder) => void) | undefined)?.(e, b);
}
