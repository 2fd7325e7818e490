// A lesson's `--json` event stream as a picture: a sequence diagram, time running down, one lane
// per participant (the user, each agent class, and the room/job), hooks as markers, messages as
// labelled bars, tool and job calls, room events, scenes and the close. The docs site shows one
// per lesson, drawn from a real run (docs/scripts/timelines.mjs); the playground draws it live.
//
// The SVG is self-contained (no fonts, scripts or links to fetch) and deterministic: the same
// events give the same bytes. Text is monospace so that its width can be known without a font.
// It carries its own background, in a light and a dark palette (prefers-color-scheme), so it is
// readable on any page. Plain TypeScript with no Node API: it runs in Node and in a browser.
import type { TimedEvent } from '../../trace/events.js';
import { Canvas } from './canvas.js';
import { description, header, legend, placeRows, svgDocument } from './frame.js';
import { type StartEvent, layOutLanes } from './lanes.js';
import type { RowBuilder } from './row-builder.js';
import { addRows } from './rows.js';
import { PAD, TIME_W } from './style.js';

export { escapeXml } from './svg.js';
export { truncate } from './text.js';

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

/**
 * The events of one lesson run as a standalone SVG document.
 *
 * @param events what `pnpm lesson <name> --json` printed, one object a line, in order
 */
export function renderTimeline(events: readonly TimedEvent[], options: TimelineOptions = {}): string {
  const start = events.find((e): e is StartEvent => e.type === 'start');
  const title = options.title ?? (start ? `Hook timeline: ${start.lesson}` : 'Hook timeline');
  const lanes = layOutLanes(events, start, options);
  const canvas = new Canvas(TIME_W + 6, lanes.width - PAD, options.maxMessage ?? 96);
  const builder: RowBuilder = { canvas, lanes, events, rows: [], hookMessages: new Map() };
  for (const e of events) addRows(e, builder);
  const { times, bottom } = placeRows(builder.rows, canvas);
  const legendY = bottom + 22;
  return svgDocument(
    {
      title,
      desc: description(events, start, lanes),
      width: lanes.width,
      height: Math.ceil(legendY + 24),
      header: header(title, events, start, lanes, canvas, bottom),
      times,
      legend: legend(events, lanes, legendY),
    },
    canvas,
  );
}
