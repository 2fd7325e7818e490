// Where the timeline is drawn: marks and labels at a lane's x, kept in layers so that spans lie
// under lines, lines under markers, and labels on top; and the activation spans of hooks and tools.
import type { Lane } from './lanes.js';
import { el, num, path, text } from './svg.js';
import { CHAR_W, LINE_H } from './style.js';
import { len, truncate, wrap } from './text.js';

/** A drawn row's height, and how to draw it with its middle at y. */
export type RowDrawing = { height: number; draw: (y: number) => void };

export class Canvas {
  readonly layers = {
    life: [] as string[],
    spans: [] as string[],
    lines: [] as string[],
    marks: [] as string[],
    labels: [] as string[],
  };
  /** Hooks and tools are open from their start to their end: an activation span on the lane. */
  private readonly open = new Map<string, { y: number; lane: Lane }[]>();

  constructor(
    readonly left: number,
    readonly right: number,
    private readonly maxMessage: number,
  ) {}

  /**
   * Where a label beside a marker at x goes: on the right if it fits there, else on the left if it
   * fits there, else on the roomier side, in up to `maxLines` lines.
   */
  place(x: number, label: string, gap = 10, maxLines = 1) {
    const roomRight = Math.floor((this.right - x - gap) / CHAR_W);
    const roomLeft = Math.floor((x - gap - this.left) / CHAR_W);
    const fitsRight = len(label) <= roomRight;
    const toRight = fitsRight || (len(label) > roomLeft && roomRight >= roomLeft);
    const room = toRight ? roomRight : roomLeft;
    return { toRight, lines: len(label) <= room ? [label] : wrap(label, room, maxLines) };
  }

  /** Draw a label placed as `place` says; returns how many lines it took. */
  label(x: number, y: number, label: string, cls = '', gap = 10, maxLines = 1): number {
    const { toRight, lines } = this.place(x, label, gap, maxLines);
    const tx = toRight ? x + gap : x - gap;
    const anchor = toRight ? undefined : 'end';
    lines.forEach((line, i) =>
      this.layers.labels.push(
        text(
          { x: tx, y: y + 4 + i * LINE_H, 'text-anchor': anchor, class: `halo${cls ? ` ${cls}` : ''}` },
          line,
        ),
      ),
    );
    return lines.length;
  }

  /** The height of a row whose label may take two lines. */
  tall(base: number, x: number, label: string): number {
    return base + (this.place(x, label, 10, 2).lines.length - 1) * LINE_H;
  }

  /** A row with an arrow from one lane to another, its label above it, from the left end, in up to two lines. */
  arrowRow(from: Lane, to: Lane, label: string, color: string, after?: (y: number) => void): RowDrawing {
    // From the left end of the arrow, or further left where the label would not fit otherwise.
    const start = Math.max(this.left, Math.min(Math.min(from.x, to.x) + 6, this.right - len(label) * CHAR_W));
    const room = Math.floor((this.right - start) / CHAR_W);
    const lines = len(label) <= room ? [label] : wrap(label, room, 2);
    const below = (lines.length - 1) * LINE_H;
    return {
      height: 30 + below,
      draw: (y: number) => {
        lines.forEach((line, i) =>
          this.layers.labels.push(text({ x: start, y: y - 2 + i * LINE_H, class: 'halo bold' }, line)),
        );
        this.arrow(from, to, y + 6 + below, color);
        after?.(y + 6 + below);
      },
    };
  }

  diamond(l: Lane, y: number, cls: string, r = 6): void {
    const d = `M${num(l.x)} ${num(y - r)}L${num(l.x + r)} ${num(y)}L${num(l.x)} ${num(y + r)}L${num(l.x - r)} ${num(y)}Z`;
    this.layers.marks.push(path(`${l.color} ${cls}`, d));
  }

  triangle(l: Lane, y: number, cls: string, pointRight: boolean): void {
    const d = pointRight ? 5 : -5;
    const shape = `M${num(l.x - d)} ${num(y - 5)}L${num(l.x + d)} ${num(y)}L${num(l.x - d)} ${num(y + 5)}Z`;
    this.layers.marks.push(path(`${l.color} ${cls}`, shape));
  }

  square(l: Lane, y: number, cls: string): void {
    this.layers.marks.push(
      el('rect', { class: `${l.color} ${cls}`, x: l.x - 4.5, y: y - 4.5, width: 9, height: 9 }),
    );
  }

  dot(l: Lane, y: number, cls: string, r = 4.5): void {
    this.layers.marks.push(el('circle', { class: `${l.color} ${cls}`, cx: l.x, cy: y, r }));
  }

  arrow(from: Lane, to: Lane, y: number, color: string): void {
    const dir = to.x >= from.x ? 1 : -1;
    const tip = to.x - dir * 6;
    this.layers.lines.push(
      path(`${color} arrow`, `M${num(from.x)} ${num(y)}H${num(tip - dir * 6)}`),
      path(
        `${color} arrow-head`,
        `M${num(tip)} ${num(y)}L${num(tip - dir * 8)} ${num(y - 4.5)}L${num(tip - dir * 8)} ${num(y + 4.5)}Z`,
      ),
    );
  }

  /**
   * A message: a bar with the text in it, starting at the lane's line and running right if it fits,
   * else ending at the lane's line, else as wide as it needs across the row (rows do not overlap).
   */
  bar(l: Lane, y: number, message: string, cut: boolean): void {
    const { left, right } = this;
    const shown = truncate(message, Math.min(this.maxMessage, Math.floor((right - left - 12) / CHAR_W)));
    const w = len(shown) * CHAR_W + 12;
    const x = l.x - 3 + w <= right ? l.x - 3 : l.x + 3 - w >= left ? l.x + 3 - w : Math.max(left, right - w);
    const cls = `${l.color} bar${cut ? ' cut' : ''}`;
    this.layers.marks.push(el('rect', { class: cls, x, y: y - 9, width: w, height: 18, rx: 4 }));
    this.layers.labels.push(text({ x: x + 6, y: y + 4 }, shown));
  }

  /** A rule across every lane, after its label (a line through the spaces of a label is hard to read). */
  ruleWithLabel(y: number, cls: string, label: string): void {
    const lines = this.ruleLabelLines(label);
    lines.forEach((line, i) =>
      this.layers.labels.push(text({ x: this.left + 4, y: y + 4 + i * LINE_H, class: 'halo bold' }, line)),
    );
    const last = lines[lines.length - 1]!;
    const ruleY = y + (lines.length - 1) * LINE_H;
    this.layers.lines.push(
      path(cls, `M${num(this.left + 4 + len(last) * CHAR_W + 10)} ${num(ruleY)}H${num(this.right)}`),
    );
  }

  /** A rule's label, on two lines rather than cut short where it is long. */
  ruleLabelLines(label: string): string[] {
    const width = Math.floor((this.right - this.left - 40) / CHAR_W);
    return len(label) <= width ? [label] : wrap(label, width, 2);
  }

  /** A hook or tool call opens at y on its lane ... */
  begin(key: string, lane: Lane, y: number): void {
    this.open.set(key, [...(this.open.get(key) ?? []), { y, lane }]);
  }

  /** ... and its span is drawn when it ends. */
  end(key: string, y: number): void {
    const started = this.open.get(key)?.shift();
    if (started) this.span(started.lane, started.y, y);
  }

  /** Calls that never ended: open down to y. */
  endAll(y: number): void {
    for (const [, stack] of this.open) for (const { y: from, lane } of stack) this.span(lane, from, y);
    this.open.clear();
  }

  private span(lane: Lane, from: number, to: number): void {
    const height = Math.max(to - from, 2);
    this.layers.spans.push(
      el('rect', { class: `${lane.color} span`, x: lane.x - 4, y: from, width: 8, height, rx: 2 }),
    );
  }
}
