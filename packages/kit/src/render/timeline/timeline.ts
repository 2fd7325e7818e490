// A lesson's `--json` event stream as a picture: a sequence diagram, time running down, one lane
// per participant (the user, each agent class, and the room/job), hooks as markers, messages as
// labelled bars, tool and job calls, room events, scenes and the close. The docs site shows one
// per lesson, drawn from a real run (docs/scripts/timelines.mjs).
//
// The SVG is self-contained (no fonts, scripts or links to fetch) and deterministic: the same
// events give the same bytes. Text is monospace so that its width can be known without a font.
// It carries its own background, in a light and a dark palette (prefers-color-scheme), so it is
// readable on any page.
import type { HookName, LessonEvent, TimedEvent } from '../../trace/events.js';

export interface TimelineOptions {
  /** The picture's <title>. Default: "Hook timeline: <lesson>" from the start event. */
  title?: string;
  /** The width of one lane in px (default 120). The picture is at least `minWidth` wide. */
  laneWidth?: number;
  /** The least width of the picture in px (default 680). */
  minWidth?: number;
  /** The most characters of a message shown in its bar (default 96; fewer if the picture is narrower). */
  maxMessage?: number;
}

type Lane = { key: string; label: string; kind: 'user' | 'agent' | 'room'; x: number; color: string };

/** A row of the diagram: one event, its height, and how to draw it at y. */
type Row = { event: TimedEvent; height: number; draw: (y: number) => void };

const FONT = 11; // px, for every label
const LINE_H = 14; // px between the lines of a label
const CHAR_W = FONT * 0.6; // a monospace character
const TIME_W = 58; // the time column
const PAD = 16;
const HEADER_H = 96; // title, subtitle, lane boxes
const USER = 'user';
const ROOM = 'room/job';

const AGENT_COLORS = ['a0', 'a1', 'a2', 'a3', 'a4'];

const STYLE = `
svg{--bg:#fcfcfd;--border:#d9dce1;--fg:#1f2328;--muted:#5b616b;--line:#c3c8cf;--alert:#c0262d;
--user:#1d5fd6;--a0:#7338d9;--a1:#0b7468;--a2:#b6460b;--a3:#b3175a;--a4:#4b7a0c;--room:#4a5668}
@media (prefers-color-scheme:dark){svg{--bg:#1f2026;--border:#3b3e46;--fg:#e7e8ea;--muted:#a3a9b3;
--line:#4b505a;--alert:#ff7b7b;--user:#7fa8ff;--a0:#b89dff;--a1:#43d1c1;--a2:#ff9f62;--a3:#ff82b9;
--a4:#a8dc5e;--room:#a9b6c8}}
text{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"DejaVu Sans Mono","Liberation Mono",monospace;font-size:${FONT}px;fill:var(--fg)}
.title{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;font-size:15px;font-weight:600}
.sub,.time,.note{fill:var(--muted)}
.note{font-style:italic}
.halo{paint-order:stroke;stroke:var(--bg);stroke-width:4px;stroke-linejoin:round}
.bold{font-weight:700}
.alert{fill:var(--alert)}
.panel{fill:var(--bg);stroke:var(--border)}
.life{stroke:var(--line);stroke-width:1.5;stroke-dasharray:3 4}
.rule{stroke:var(--muted);stroke-width:1}
.scene{stroke:var(--muted);stroke-width:1;stroke-dasharray:6 4}
.close{stroke:var(--fg);stroke-width:1.5}
.head{fill:var(--bg);stroke:var(--c);stroke-width:1.5}
.head-text{fill:var(--c);font-weight:700}
.fill{fill:var(--c)}
.hollow{fill:var(--bg);stroke:var(--c);stroke-width:1.5}
.span{fill:var(--c);fill-opacity:.22;stroke:var(--c);stroke-opacity:.5}
.bar{fill:var(--c);fill-opacity:.13;stroke:var(--c);stroke-width:1}
.cut{stroke-dasharray:4 3}
.arrow{stroke:var(--c);stroke-width:1.5;fill:none}
.arrow-head{fill:var(--c)}
.alert-mark{fill:var(--alert)}
.user{--c:var(--user)}.room{--c:var(--room)}
${AGENT_COLORS.map((c) => `.${c}{--c:var(--${c})}`).join('')}
`.trim();

/** Characters XML 1.0 does not allow, whatever the escaping. */
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** Text as XML character data or an attribute value. */
export function escapeXml(text: string): string {
  return text
    .replace(NOT_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** One line, at most `max` characters, an ellipsis where it was cut. */
export function truncate(text: string, max: number): string {
  const chars = [...text.replace(/\s+/g, ' ').trim()];
  if (chars.length <= max) return chars.join('');
  if (max <= 1) return '…';
  return `${chars
    .slice(0, max - 1)
    .join('')
    .trimEnd()}…`;
}

/** Words into at most `lines` lines of `width` characters; the last one cut if need be. */
function wrap(text: string, width: number, lines: number): string[] {
  const out: string[] = [];
  let line = '';
  const words = text.replace(/\s+/g, ' ').trim().split(' ');
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const next = line ? `${line} ${word}` : word;
    if ([...next].length <= width || !line) {
      line = next;
      continue;
    }
    if (out.length === lines - 1) {
      out.push(truncate(`${line} ${words.slice(i).join(' ')}`, width));
      return out;
    }
    out.push(truncate(line, width));
    line = word;
  }
  if (line) out.push(truncate(line, width));
  return out;
}

const num = (n: number) => String(Math.round(n * 10) / 10);
const len = (text: string) => [...text].length;
const seconds = (t: number) => `${(t / 1000).toFixed(2)}s`;

/** `BillingAgent` → `billing_agent`, as the framework names agents in a handoff. */
const snake = (name: string) =>
  name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1_$2')
    .toLowerCase();

function argsText(args: unknown): string {
  try {
    return JSON.stringify(args ?? {}) ?? '';
  } catch {
    return '…';
  }
}

function roomLabel(e: Extract<LessonEvent, { type: 'room' }>): string {
  const who = [e.identity, e.reason].filter(Boolean).join(', ');
  if (e.event === 'room_exists') {
    const people = e.participants?.length ? `; in it: ${e.participants.join(', ')}` : '';
    return `room_exists: ${e.exists === undefined ? '?' : String(e.exists)}${people}`;
  }
  return who ? `${e.event} (${who})` : e.event;
}

/**
 * The events of one lesson run as a standalone SVG document.
 *
 * @param events what `pnpm lesson <name> --json` printed, one object a line, in order
 */
export function renderTimeline(events: readonly TimedEvent[], options: TimelineOptions = {}): string {
  const start = events.find((e): e is Extract<TimedEvent, { type: 'start' }> => e.type === 'start');
  const title = options.title ?? (start ? `Hook timeline: ${start.lesson}` : 'Hook timeline');
  const maxMessage = options.maxMessage ?? 96;

  // The lanes: the user, each agent in order of appearance, and the room/job if anything happened there.
  const agents: string[] = [];
  const seeAgent = (name: string | undefined) => {
    if (name && !agents.includes(name)) agents.push(name);
  };
  for (const e of events) {
    if (e.type === 'hook' || e.type === 'hook_end' || e.type === 'tool') seeAgent(e.agent);
    else if (e.type === 'message' && e.role === 'assistant') seeAgent(e.agent ?? 'agent');
  }
  const hasRoom = events.some((e) => e.type === 'job' || e.type === 'room');
  const laneSpecs: Omit<Lane, 'x'>[] = [
    { key: USER, label: start ? `user (${start.user})` : 'user', kind: 'user', color: 'user' },
    ...agents.map((name, i) => ({
      key: name,
      label: name,
      kind: 'agent' as const,
      color: AGENT_COLORS[i % AGENT_COLORS.length]!,
    })),
    ...(hasRoom ? [{ key: ROOM, label: 'room / job', kind: 'room' as const, color: 'room' }] : []),
  ];
  const n = laneSpecs.length;
  const width = Math.ceil(
    Math.max(options.minWidth ?? 680, TIME_W + 2 * PAD + n * (options.laneWidth ?? 120)),
  );
  const span = (width - TIME_W - 2 * PAD) / n;
  const lanes = laneSpecs.map((lane, i) => ({ ...lane, x: TIME_W + PAD + span * (i + 0.5) }));
  const lane = (key: string) => lanes.find((l) => l.key === key);
  const userLane = lanes[0]!;
  const roomLane = lane(ROOM);
  const left = TIME_W + 6;
  const right = width - PAD;

  // Drawing happens in layers, so that spans lie under lines, lines under markers, and labels on top.
  const layers = {
    life: [] as string[],
    spans: [] as string[],
    lines: [] as string[],
    marks: [] as string[],
    labels: [] as string[],
  };

  /**
   * Where a label beside a marker at x goes: on the right if it fits there, else on the left if it
   * fits there, else on the roomier side, in up to `maxLines` lines.
   */
  const place = (x: number, text: string, gap = 10, maxLines = 1) => {
    const roomRight = Math.floor((right - x - gap) / CHAR_W);
    const roomLeft = Math.floor((x - gap - left) / CHAR_W);
    const fitsRight = len(text) <= roomRight;
    const toRight = fitsRight || (len(text) > roomLeft && roomRight >= roomLeft);
    const room = toRight ? roomRight : roomLeft;
    return { toRight, lines: len(text) <= room ? [text] : wrap(text, room, maxLines) };
  };
  /** Draw a label placed as `place` says; returns how many lines it took. */
  const label = (x: number, y: number, text: string, cls = '', gap = 10, maxLines = 1) => {
    const { toRight, lines } = place(x, text, gap, maxLines);
    const tx = toRight ? x + gap : x - gap;
    lines.forEach((line, i) =>
      layers.labels.push(
        `<text x="${num(tx)}" y="${num(y + 4 + i * LINE_H)}"${toRight ? '' : ' text-anchor="end"'} class="halo${cls ? ` ${cls}` : ''}">${escapeXml(line)}</text>`,
      ),
    );
    return lines.length;
  };
  /** A row with an arrow from one lane to another, its label above it, from the left end, in up to two lines. */
  const arrowRow = (from: Lane, to: Lane, text: string, color: string, after?: (y: number) => void) => {
    const start = Math.min(from.x, to.x) + 6;
    const room = Math.floor((right - start) / CHAR_W);
    const lines = len(text) <= room ? [text] : wrap(text, room, 2);
    const below = (lines.length - 1) * LINE_H;
    return {
      height: 30 + below,
      draw: (y: number) => {
        lines.forEach((line, i) =>
          layers.labels.push(
            `<text x="${num(start)}" y="${num(y - 2 + i * LINE_H)}" class="halo bold">${escapeXml(line)}</text>`,
          ),
        );
        arrow(from, to, y + 6 + below, color);
        after?.(y + 6 + below);
      },
    };
  };
  /** The height of a row whose label may take two lines. */
  const tall = (base: number, x: number, text: string) =>
    base + (place(x, text, 10, 2).lines.length - 1) * LINE_H;
  const diamond = (l: Lane, y: number, cls: string, r = 6) =>
    layers.marks.push(
      `<path class="${l.color} ${cls}" d="M${num(l.x)} ${num(y - r)}L${num(l.x + r)} ${num(y)}L${num(l.x)} ${num(y + r)}L${num(l.x - r)} ${num(y)}Z"/>`,
    );
  const triangle = (l: Lane, y: number, cls: string, pointRight: boolean) => {
    const d = pointRight ? 5 : -5;
    layers.marks.push(
      `<path class="${l.color} ${cls}" d="M${num(l.x - d)} ${num(y - 5)}L${num(l.x + d)} ${num(y)}L${num(l.x - d)} ${num(y + 5)}Z"/>`,
    );
  };
  const square = (l: Lane, y: number, cls: string) =>
    layers.marks.push(
      `<rect class="${l.color} ${cls}" x="${num(l.x - 4.5)}" y="${num(y - 4.5)}" width="9" height="9"/>`,
    );
  const dot = (l: Lane, y: number, cls: string, r = 4.5) =>
    layers.marks.push(`<circle class="${l.color} ${cls}" cx="${num(l.x)}" cy="${num(y)}" r="${r}"/>`);
  const arrow = (from: Lane, to: Lane, y: number, color: string) => {
    const dir = to.x >= from.x ? 1 : -1;
    const tip = to.x - dir * 6;
    layers.lines.push(
      `<path class="${color} arrow" d="M${num(from.x)} ${num(y)}H${num(tip - dir * 6)}"/>`,
      `<path class="${color} arrow-head" d="M${num(tip)} ${num(y)}L${num(tip - dir * 8)} ${num(y - 4.5)}L${num(tip - dir * 8)} ${num(y + 4.5)}Z"/>`,
    );
  };
  /**
   * A message: a bar with the text in it, starting at the lane's line and running right if it fits,
   * else ending at the lane's line, else as wide as it needs across the row (rows do not overlap).
   */
  const bar = (l: Lane, y: number, text: string, cut: boolean) => {
    const shown = truncate(text, Math.min(maxMessage, Math.floor((right - left - 12) / CHAR_W)));
    const w = len(shown) * CHAR_W + 12;
    const x = l.x - 3 + w <= right ? l.x - 3 : l.x + 3 - w >= left ? l.x + 3 - w : Math.max(left, right - w);
    layers.marks.push(
      `<rect class="${l.color} bar${cut ? ' cut' : ''}" x="${num(x)}" y="${num(y - 9)}" width="${num(w)}" height="18" rx="4"/>`,
    );
    layers.labels.push(`<text x="${num(x + 6)}" y="${num(y + 4)}">${escapeXml(shown)}</text>`);
  };
  /** A rule across every lane, after its label (a line through the spaces of a label is hard to read). */
  const ruleWithLabel = (y: number, cls: string, text: string) => {
    const shown = truncate(text, Math.floor((right - left - 40) / CHAR_W));
    layers.labels.push(
      `<text x="${num(left + 4)}" y="${num(y + 4)}" class="halo bold">${escapeXml(shown)}</text>`,
    );
    layers.lines.push(
      `<path class="${cls}" d="M${num(left + 4 + len(shown) * CHAR_W + 10)} ${num(y)}H${num(right)}"/>`,
    );
  };

  // Hooks and tools are open from their start to their end: an activation span on the lane.
  const open = new Map<string, { y: number; lane: Lane }[]>();
  const begin = (key: string, l: Lane, y: number) =>
    open.set(key, [...(open.get(key) ?? []), { y, lane: l }]);
  const end = (key: string, y: number) => {
    const stack = open.get(key);
    const started = stack?.shift();
    if (!started) return;
    layers.spans.push(
      `<rect class="${started.lane.color} span" x="${num(started.lane.x - 4)}" y="${num(started.y)}" width="8" height="${num(Math.max(y - started.y, 2))}" rx="2"/>`,
    );
  };

  // The rows, in event order.
  const rows: Row[] = [];
  let current: Lane | undefined; // the agent that acted last: the source of job calls
  let lastInput: string | undefined;
  const hookMessages = new Map<string, string | undefined>();
  const agentLane = (name: string | undefined) => (name && lane(name)) || current || lanes[1] || userLane;

  for (const e of events) {
    switch (e.type) {
      case 'hook': {
        const l = agentLane(e.agent);
        current = l;
        const key = `hook:${e.agent}:${e.hook}`;
        hookMessages.set(key, e.message);
        const args =
          e.hook === 'onUserTurnCompleted' && e.message !== undefined
            ? `(…, ${JSON.stringify(e.message)})`
            : '()';
        const text = `${e.agent}.${e.hook}${args}`;
        rows.push({
          event: e,
          height: tall(22, l.x, text),
          draw: (y) => {
            begin(key, l, y);
            diamond(l, y, 'fill');
            label(l.x, y, text, 'bold', 10, 2);
          },
        });
        break;
      }
      case 'hook_end': {
        const l = agentLane(e.agent);
        const key = `hook:${e.agent}:${e.hook}`;
        const before = hookMessages.get(key);
        const extra: string[] = [];
        if (e.message !== undefined && before !== undefined && e.message !== before)
          extra.push(`message changed to ${JSON.stringify(e.message)}`);
        const added = e.added ?? [];
        for (const item of added.slice(0, 2)) extra.push(`+ added to the turn: ${item}`);
        if (added.length > 2) extra.push(`+ ${added.length - 2} more`);
        const text = endText(e.hook, e.result);
        rows.push({
          event: e,
          height: 22 + extra.reduce((h, line) => h + place(l.x, line, 22, 2).lines.length * LINE_H, 0),
          draw: (y) => {
            end(key, y);
            if (e.result === 'ok') diamond(l, y, 'hollow', 5);
            else diamond(l, y, 'alert-mark', 6);
            label(l.x, y, text, e.result === 'ok' ? '' : 'alert bold');
            let below = y;
            for (const line of extra) below += label(l.x, below + LINE_H, line, 'sub', 22, 2) * LINE_H;
          },
        });
        break;
      }
      case 'input': {
        lastInput = e.text;
        rows.push({ event: e, height: 24, draw: (y) => bar(userLane, y, e.text, false) });
        break;
      }
      case 'message': {
        if (e.role === 'user') {
          const typed = lastInput;
          lastInput = undefined;
          // The typed line is already drawn; what is new is only a change on its way to the history.
          if (typed === e.text) break;
          const text = typed === undefined ? e.text : `kept as: ${e.text}`;
          rows.push({
            event: e,
            height: typed === undefined ? 24 : 20,
            draw: (y) => {
              if (typed === undefined) bar(userLane, y, text, false);
              else {
                dot(userLane, y, 'hollow', 3.5);
                label(userLane.x, y, text, 'sub');
              }
            },
          });
          break;
        }
        const l = agentLane(e.agent);
        current = l;
        rows.push({
          event: e,
          height: 24,
          draw: (y) => {
            if (e.interrupted) {
              bar(l, y, `${e.text.trim()} ✂ interrupted`, true);
            } else bar(l, y, e.text, false);
          },
        });
        break;
      }
      case 'tool': {
        const l = agentLane(e.agent);
        current = l;
        const key = `tool:${e.name}`;
        const text = `▸ ${e.name}(${argsText(e.args)})`;
        rows.push({
          event: e,
          height: tall(22, l.x, text),
          draw: (y) => {
            begin(key, l, y);
            triangle(l, y, 'fill', true);
            label(l.x, y, text, 'bold', 10, 2);
          },
        });
        break;
      }
      case 'tool_end': {
        const key = `tool:${e.name}`;
        // The lane of the call it ends: known once the rows are built, as calls are drawn in order.
        const caller = [...rows].reverse().find((r) => r.event.type === 'tool' && r.event.name === e.name);
        const l = caller?.event.type === 'tool' ? agentLane(caller.event.agent) : agentLane(undefined);
        const text = `◂ ${e.name} → ${e.output}`;
        rows.push({
          event: e,
          height: tall(22, l.x, text),
          draw: (y) => {
            end(key, y);
            triangle(l, y, 'hollow', false);
            label(l.x, y, text, '', 10, 2);
          },
        });
        break;
      }
      case 'handoff': {
        const from = lanes.find((l) => l.kind === 'agent' && snake(l.key) === e.from) ?? current;
        const next = events
          .slice(events.indexOf(e) + 1)
          .find((x) => x.type === 'hook' || x.type === 'message');
        const nextAgent = next && 'agent' in next ? next.agent : undefined;
        const to =
          lanes.find((l) => l.kind === 'agent' && snake(l.key) === e.to) ??
          (nextAgent ? lane(nextAgent) : undefined);
        const text = `handoff ${e.from} → ${e.to}`;
        if (from && to && from !== to) rows.push({ event: e, ...arrowRow(from, to, text, to.color) });
        else {
          const at = to ?? from ?? userLane;
          rows.push({
            event: e,
            height: tall(22, at.x, text),
            draw: (y) => label(at.x, y, text, 'bold', 10, 2),
          });
        }
        if (to) current = to;
        break;
      }
      case 'job': {
        const from = current;
        const text =
          e.call === 'shutdown'
            ? `ctx.shutdown(${e.reason === undefined ? '' : JSON.stringify(e.reason)})`
            : 'ctx.deleteRoom()';
        if (!roomLane) break;
        if (from && from !== roomLane) {
          const mark = (y: number) => square(roomLane, y, 'fill');
          rows.push({ event: e, ...arrowRow(from, roomLane, text, 'room', mark) });
        } else {
          rows.push({
            event: e,
            height: tall(22, roomLane.x, text),
            draw: (y) => {
              square(roomLane, y, 'fill');
              label(roomLane.x, y, text, 'bold', 10, 2);
            },
          });
        }
        break;
      }
      case 'room': {
        rows.push({
          event: e,
          height: 22,
          draw: (y) => {
            if (!roomLane) return;
            const bad = e.event === 'disconnected' || e.event === 'room_deleted' || e.exists === false;
            dot(roomLane, y, bad ? 'alert-mark' : 'fill');
            label(roomLane.x, y, roomLabel(e), bad ? 'alert' : '');
          },
        });
        break;
      }
      case 'note': {
        const widthChars = Math.floor((right - userLane.x - 10) / CHAR_W);
        const lines = wrap(`note: ${e.text}`, widthChars, 2);
        rows.push({
          event: e,
          height: 8 + lines.length * 14,
          draw: (y) => {
            lines.forEach((line, i) =>
              layers.labels.push(
                `<text x="${num(userLane.x - 6)}" y="${num(y + 4 + i * 14)}" class="halo note">${escapeXml(line)}</text>`,
              ),
            );
          },
        });
        break;
      }
      case 'scene': {
        lastInput = undefined;
        rows.push({
          event: e,
          height: 34,
          draw: (y) => {
            ruleWithLabel(y + 2, 'scene', `Scene ${e.index} of ${e.of}: ${e.title}`);
          },
        });
        break;
      }
      case 'close': {
        rows.push({
          event: e,
          height: 30,
          draw: (y) => {
            const why = e.error ? `${e.reason}, ${e.error}` : e.reason;
            ruleWithLabel(y, 'close', `■ session closed: ${why}`);
          },
        });
        break;
      }
      default:
        // start is the header; agent_state, speech and anything newer are not drawn.
        break;
    }
  }

  // Place the rows: a fixed height each, plus a little for the time that passed before it.
  let y = HEADER_H + 14;
  let lastT: number | undefined;
  let lastTime = '';
  const times: string[] = [];
  for (const row of rows) {
    const gap = lastT === undefined ? 0 : Math.max(0, row.event.t - lastT);
    y += Math.min(gap * 0.012, 14);
    const middle = y + 11;
    row.draw(middle);
    const time = seconds(row.event.t);
    if (time !== lastTime)
      times.push(`<text x="${TIME_W}" y="${num(middle + 4)}" text-anchor="end" class="time">${time}</text>`);
    lastTime = time;
    lastT = row.event.t;
    y += row.height;
  }
  for (const [, stack] of open)
    for (const { y: from, lane: l } of stack) {
      layers.spans.push(
        `<rect class="${l.color} span" x="${num(l.x - 4)}" y="${num(from)}" width="8" height="${num(Math.max(y - from, 2))}" rx="2"/>`,
      );
    }
  const bottom = y + 10;
  const legendY = bottom + 22;
  const height = Math.ceil(legendY + 24);

  // The header: title, what ran, and a box naming each lane; the lanes' lines run down to the end.
  const header: string[] = [];
  header.push(`<text x="${PAD}" y="28" class="title">${escapeXml(title)}</text>`);
  const sub = start
    ? `pnpm lesson ${start.lesson} --json · mode ${start.mode} · model: ${start.model}`
    : `${events.length} events`;
  header.push(
    `<text x="${PAD}" y="48" class="sub">${escapeXml(truncate(sub, Math.floor((width - 2 * PAD) / CHAR_W)))}</text>`,
  );
  header.push(`<text x="${TIME_W}" y="${HEADER_H - 6}" text-anchor="end" class="time">time ↓</text>`);
  for (const l of lanes) {
    const boxW = Math.min(span - 12, len(l.label) * CHAR_W + 18);
    const shown = truncate(l.label, Math.floor((boxW - 12) / CHAR_W));
    layers.life.push(`<path class="life" d="M${num(l.x)} ${HEADER_H}V${num(bottom)}"/>`);
    header.push(
      `<g class="${l.color}"><rect class="head" x="${num(l.x - boxW / 2)}" y="${HEADER_H - 28}" width="${num(boxW)}" height="24" rx="5"/>` +
        `<text x="${num(l.x)}" y="${HEADER_H - 12}" text-anchor="middle" class="head-text">${escapeXml(shown)}</text></g>`,
    );
  }

  // The legend: what each mark means.
  const legend: string[] = [];
  let lx = PAD;
  const legendItem = (mark: string, text: string) => {
    legend.push(mark.replaceAll('LX', num(lx)).replaceAll('LY', num(legendY)));
    legend.push(`<text x="${num(lx + 12)}" y="${num(legendY + 4)}" class="sub">${escapeXml(text)}</text>`);
    lx += 12 + len(text) * CHAR_W + 18;
  };
  const c = lanes[1]?.color ?? 'user';
  const has = (type: LessonEvent['type']) => events.some((e) => e.type === type);
  if (has('hook')) {
    legendItem(
      `<path class="${c} fill" d="M${num(lx)} ${num(legendY - 5)}l5 5l-5 5l-5 -5z"/>`,
      'hook called',
    );
    legendItem(`<path class="${c} hollow" d="M${num(lx)} ${num(legendY - 4)}l4 4l-4 4l-4 -4z"/>`, 'returned');
  }
  legendItem(
    `<rect class="${c} bar" x="${num(lx - 6)}" y="${num(legendY - 6)}" width="12" height="12" rx="2"/>`,
    'message',
  );
  if (has('tool'))
    legendItem(`<path class="${c} fill" d="M${num(lx - 5)} ${num(legendY - 5)}l10 5l-10 5z"/>`, 'tool call');
  if (has('job'))
    legendItem(
      `<rect class="room fill" x="${num(lx - 4.5)}" y="${num(legendY - 4.5)}" width="9" height="9"/>`,
      'job call',
    );
  if (has('room'))
    legendItem(`<circle class="room fill" cx="${num(lx)}" cy="${num(legendY)}" r="4.5"/>`, 'room event');

  const hooks = events.filter((e): e is Extract<TimedEvent, { type: 'hook' }> => e.type === 'hook');
  const close = [...events].reverse().find((e) => e.type === 'close');
  const desc =
    `A sequence diagram of ${start ? `the ${start.lesson} lesson's run` : 'a lesson run'}, time running down. ` +
    `Lanes: ${lanes.map((l) => l.label).join(', ')}. ` +
    (hooks.length
      ? `Hooks, in order: ${hooks.map((h) => `${h.agent}.${h.hook}`).join(', ')}. `
      : 'No hooks ran. ') +
    (close && close.type === 'close' ? `The session closed: ${close.reason}.` : '');

  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${num(width)}" height="${num(height)}" viewBox="0 0 ${num(width)} ${num(height)}" role="img" aria-labelledby="timeline-title timeline-desc">`,
    `<title id="timeline-title">${escapeXml(title)}</title>`,
    `<desc id="timeline-desc">${escapeXml(desc)}</desc>`,
    `<style>${STYLE}</style>`,
    `<rect class="panel" x="0.5" y="0.5" width="${num(width - 1)}" height="${num(height - 1)}" rx="8"/>`,
    ...header,
    `<path class="rule" d="M${PAD} ${HEADER_H + 4}H${num(width - PAD)}"/>`,
    ...layers.life,
    ...layers.spans,
    ...layers.lines,
    ...layers.marks,
    ...times,
    ...layers.labels,
    ...legend,
    '</svg>',
    '',
  ].join('\n');
}

function endText(hook: HookName, result: 'ok' | 'stop_response' | 'error'): string {
  if (result === 'stop_response') return `${hook} threw StopResponse: no reply to this turn`;
  if (result === 'error') return `${hook} threw an error`;
  return `${hook} returned`;
}
