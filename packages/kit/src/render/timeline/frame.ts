// The timeline's frame: the rows placed down the page with their times, the header naming each
// lane, the legend of marks, the description a screen reader reads, and the whole document.
import type { LessonEvent, TimedEvent } from '../../trace/events.js';
import type { Canvas } from './canvas.js';
import type { Lanes, StartEvent } from './lanes.js';
import type { Row } from './row-builder.js';
import { CHAR_W, HEADER_H, PAD, STYLE, TIME_W } from './style.js';
import { el, escapeXml, num, path, text } from './svg.js';
import { len, seconds, truncate } from './text.js';

/** Draw the rows, a fixed height each plus a little for the time that passed before it; returns the times column and where the rows end. */
export function placeRows(rows: readonly Row[], canvas: Canvas): { times: string[]; bottom: number } {
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
      times.push(text({ x: TIME_W, y: middle + 4, 'text-anchor': 'end', class: 'time' }, time));
    lastTime = time;
    lastT = row.event.t;
    y += row.height;
  }
  canvas.endAll(y);
  return { times, bottom: y + 10 };
}

/** The header: title, what ran, and a box naming each lane; the lanes' lines run down to `bottom`. */
export function header(
  title: string,
  events: readonly TimedEvent[],
  start: StartEvent | undefined,
  lanes: Lanes,
  canvas: Canvas,
  bottom: number,
): string[] {
  const { width, span } = lanes;
  const sub = start
    ? `pnpm lesson ${start.lesson} --json · mode ${start.mode} · model: ${start.model}`
    : `${events.length} events`;
  const out = [
    text({ x: PAD, y: 28, class: 'title' }, title),
    text({ x: PAD, y: 48, class: 'sub' }, truncate(sub, Math.floor((width - 2 * PAD) / CHAR_W))),
    text({ x: TIME_W, y: HEADER_H - 6, 'text-anchor': 'end', class: 'time' }, 'time ↓'),
  ];
  for (const l of lanes.all) {
    const boxW = Math.min(span - 12, len(l.label) * CHAR_W + 18);
    const shown = truncate(l.label, Math.floor((boxW - 12) / CHAR_W));
    canvas.layers.life.push(path('life', `M${num(l.x)} ${HEADER_H}V${num(bottom)}`));
    const box = el('rect', {
      class: 'head',
      x: l.x - boxW / 2,
      y: HEADER_H - 28,
      width: boxW,
      height: 24,
      rx: 5,
    });
    const name = text({ x: l.x, y: HEADER_H - 12, 'text-anchor': 'middle', class: 'head-text' }, shown);
    out.push(el('g', { class: l.color }, box + name));
  }
  return out;
}

/** The legend at y: what each mark means, for the kinds of event this run has. */
export function legend(events: readonly TimedEvent[], lanes: Lanes, y: number): string[] {
  const out: string[] = [];
  let x = PAD;
  const item = (mark: (x: number) => string, label: string) => {
    out.push(mark(x), text({ x: x + 12, y: y + 4, class: 'sub' }, label));
    x += 12 + len(label) * CHAR_W + 18;
  };
  const c = lanes.all[1]?.color ?? 'user';
  const has = (type: LessonEvent['type']) => events.some((e) => e.type === type);
  if (has('hook')) {
    item((x) => path(`${c} fill`, `M${num(x)} ${num(y - 5)}l5 5l-5 5l-5 -5z`), 'hook called');
    item((x) => path(`${c} hollow`, `M${num(x)} ${num(y - 4)}l4 4l-4 4l-4 -4z`), 'returned');
  }
  item((x) => el('rect', { class: `${c} bar`, x: x - 6, y: y - 6, width: 12, height: 12, rx: 2 }), 'message');
  if (has('tool')) item((x) => path(`${c} fill`, `M${num(x - 5)} ${num(y - 5)}l10 5l-10 5z`), 'tool call');
  if (has('job'))
    item((x) => el('rect', { class: 'room fill', x: x - 4.5, y: y - 4.5, width: 9, height: 9 }), 'job call');
  if (has('room')) item((x) => el('circle', { class: 'room fill', cx: x, cy: y, r: 4.5 }), 'room event');
  return out;
}

/** What the picture shows, in words: the lanes, the hooks in order, how the session closed. */
export function description(
  events: readonly TimedEvent[],
  start: StartEvent | undefined,
  lanes: Lanes,
): string {
  const hooks = events.filter((e): e is Extract<TimedEvent, { type: 'hook' }> => e.type === 'hook');
  const close = [...events].reverse().find((e) => e.type === 'close');
  return (
    `A sequence diagram of ${start ? `the ${start.lesson} lesson's run` : 'a lesson run'}, time running down. ` +
    `Lanes: ${lanes.all.map((l) => l.label).join(', ')}. ` +
    (hooks.length
      ? `Hooks, in order: ${hooks.map((h) => `${h.agent}.${h.hook}`).join(', ')}. `
      : 'No hooks ran. ') +
    (close && close.type === 'close' ? `The session closed: ${close.reason}.` : '')
  );
}

/** The whole SVG document, its parts in drawing order. */
export function svgDocument(
  parts: {
    title: string;
    desc: string;
    width: number;
    height: number;
    header: string[];
    times: string[];
    legend: string[];
  },
  canvas: Canvas,
): string {
  const { title, desc, width, height } = parts;
  const { layers } = canvas;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${num(width)}" height="${num(height)}" viewBox="0 0 ${num(width)} ${num(height)}" role="img" aria-labelledby="timeline-title timeline-desc">`,
    `<title id="timeline-title">${escapeXml(title)}</title>`,
    `<desc id="timeline-desc">${escapeXml(desc)}</desc>`,
    `<style>${STYLE}</style>`,
    el('rect', { class: 'panel', x: 0.5, y: 0.5, width: width - 1, height: height - 1, rx: 8 }),
    ...parts.header,
    path('rule', `M${PAD} ${HEADER_H + 4}H${num(width - PAD)}`),
    ...layers.life,
    ...layers.spans,
    ...layers.lines,
    ...layers.marks,
    ...parts.times,
    ...layers.labels,
    ...parts.legend,
    '</svg>',
    '',
  ].join('\n');
}
