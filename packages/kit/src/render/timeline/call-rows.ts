// The timeline's rows for calls: hooks and tools (open until they end), handoffs between agents,
// and the job's calls on the room; one function per kind of event.
import type { HookName } from '../../trace/events.js';
import { type EventOf, type RowBuilder, agentLane, labelRow } from './row-builder.js';
import { LINE_H } from './style.js';
import { snake } from './text.js';

export function hookRow(e: EventOf<'hook'>, b: RowBuilder): void {
  const l = agentLane(b, e.agent);
  b.current = l;
  const key = `hook:${e.agent}:${e.hook}`;
  b.hookMessages.set(key, e.message);
  const args =
    e.hook === 'onUserTurnCompleted' && e.message !== undefined ? `(…, ${JSON.stringify(e.message)})` : '()';
  const text = `${e.agent}.${e.hook}${args}`;
  b.rows.push({
    event: e,
    height: b.canvas.tall(22, l.x, text),
    draw: (y) => {
      b.canvas.begin(key, l, y);
      b.canvas.diamond(l, y, 'fill');
      b.canvas.label(l.x, y, text, 'bold', 10, 2);
    },
  });
}

export function hookEndRow(e: EventOf<'hook_end'>, b: RowBuilder): void {
  const { canvas } = b;
  const l = agentLane(b, e.agent);
  const key = `hook:${e.agent}:${e.hook}`;
  const before = b.hookMessages.get(key);
  const extra: string[] = [];
  if (e.message !== undefined && before !== undefined && e.message !== before)
    extra.push(`message changed to ${JSON.stringify(e.message)}`);
  const added = e.added ?? [];
  for (const item of added.slice(0, 2)) extra.push(`+ added to the turn: ${item}`);
  if (added.length > 2) extra.push(`+ ${added.length - 2} more`);
  const text = endText(e.hook, e.result);
  b.rows.push({
    event: e,
    height: 22 + extra.reduce((h, line) => h + canvas.place(l.x, line, 22, 2).lines.length * LINE_H, 0),
    draw: (y) => {
      canvas.end(key, y);
      if (e.result === 'ok') canvas.diamond(l, y, 'hollow', 5);
      else canvas.diamond(l, y, 'alert-mark', 6);
      canvas.label(l.x, y, text, e.result === 'ok' ? '' : 'alert bold');
      let below = y;
      for (const line of extra) below += canvas.label(l.x, below + LINE_H, line, 'sub', 22, 2) * LINE_H;
    },
  });
}

function endText(hook: HookName, result: 'ok' | 'stop_response' | 'error'): string {
  if (result === 'stop_response') return `${hook} threw StopResponse: no reply to this turn`;
  if (result === 'error') return `${hook} threw an error`;
  return `${hook} returned`;
}

function argsText(args: unknown): string {
  try {
    return JSON.stringify(args ?? {}) ?? '';
  } catch {
    return '…';
  }
}

export function toolRow(e: EventOf<'tool'>, b: RowBuilder): void {
  const l = agentLane(b, e.agent);
  b.current = l;
  const key = `tool:${e.name}`;
  const text = `▸ ${e.name}(${argsText(e.args)})`;
  b.rows.push({
    event: e,
    height: b.canvas.tall(22, l.x, text),
    draw: (y) => {
      b.canvas.begin(key, l, y);
      b.canvas.triangle(l, y, 'fill', true);
      b.canvas.label(l.x, y, text, 'bold', 10, 2);
    },
  });
}

export function toolEndRow(e: EventOf<'tool_end'>, b: RowBuilder): void {
  const key = `tool:${e.name}`;
  // The lane of the call it ends: known once the rows are built, as calls are drawn in order.
  const caller = [...b.rows].reverse().find((r) => r.event.type === 'tool' && r.event.name === e.name);
  const l = caller?.event.type === 'tool' ? agentLane(b, caller.event.agent) : agentLane(b, undefined);
  const text = `◂ ${e.name} → ${e.output}`;
  b.rows.push({
    event: e,
    height: b.canvas.tall(22, l.x, text),
    draw: (y) => {
      b.canvas.end(key, y);
      b.canvas.triangle(l, y, 'hollow', false);
      b.canvas.label(l.x, y, text, '', 10, 2);
    },
  });
}

export function handoffRow(e: EventOf<'handoff'>, b: RowBuilder): void {
  const { lanes, events } = b;
  const from = lanes.all.find((l) => l.kind === 'agent' && snake(l.key) === e.from) ?? b.current;
  const next = events.slice(events.indexOf(e) + 1).find((x) => x.type === 'hook' || x.type === 'message');
  const nextAgent = next && 'agent' in next ? next.agent : undefined;
  const to =
    lanes.all.find((l) => l.kind === 'agent' && snake(l.key) === e.to) ??
    (nextAgent ? lanes.byKey(nextAgent) : undefined);
  const text = `handoff ${e.from} → ${e.to}`;
  if (from && to && from !== to) b.rows.push({ event: e, ...b.canvas.arrowRow(from, to, text, to.color) });
  else b.rows.push(labelRow(b, e, to ?? from ?? lanes.user, text));
  if (to) b.current = to;
}

export function jobRow(e: EventOf<'job'>, b: RowBuilder): void {
  const from = b.current;
  const room = b.lanes.room;
  const text =
    e.call === 'shutdown'
      ? `ctx.shutdown(${e.reason === undefined ? '' : JSON.stringify(e.reason)})`
      : 'ctx.deleteRoom()';
  if (!room) return;
  const mark = (y: number) => b.canvas.square(room, y, 'fill');
  if (from && from !== room) b.rows.push({ event: e, ...b.canvas.arrowRow(from, room, text, 'room', mark) });
  else b.rows.push(labelRow(b, e, room, text, mark));
}
