// The docs' timelines show each scene's own clock, rounded: how long the process took to start
// (seconds apart on a busy and an idle machine) is in no picture.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
// @ts-expect-error: plain JavaScript, no types
import { TIME_STEP_MS, lessons, recordingOf, runDemo, sceneTimes, storyOf } from './timelines.mjs';

type Event = { type: string; t: number };
const run = (startUp: number, jitter: number[]): Event[] => [
  { type: 'start', t: 300 },
  { type: 'scene', t: startUp },
  { type: 'hook', t: startUp + 10 + jitter[0]! },
  { type: 'message', t: startUp + 420 + jitter[1]! },
  { type: 'scene', t: startUp + 2000 },
  { type: 'hook', t: startUp + 2020 + jitter[2]! },
  { type: 'close', t: startUp + 3010 + jitter[3]! },
];

describe('timelines: sceneTimes', () => {
  it('times each scene from its own first event, so a slow start-up changes nothing', () => {
    const idle = sceneTimes(run(1560, [0, 0, 0, 0])) as Event[];
    const busy = sceneTimes(run(11_800, [3, -4, 2, 6])) as Event[];
    expect(busy.map((e) => e.t)).toEqual(idle.map((e) => e.t));
    expect(idle.map((e) => e.t)).toEqual([0, 0, 0, 400, 0, 0, 1000]);
  });

  it(`rounds to ${TIME_STEP_MS} ms`, () => {
    const times = (sceneTimes(run(0, [0, 0, 0, 0])) as Event[]).map((e) => e.t);
    for (const t of times) expect(t % TIME_STEP_MS).toBe(0);
  });
});

describe('timelines: storyOf', () => {
  const cutOff = (room: string) => [
    { type: 'start', room, t: 0 },
    { type: 'message', role: 'assistant', agent: 'HastyLine', text: 'Hello', t: 10 },
    { type: 'message', role: 'assistant', agent: 'HastyLine', text: 'Glad', interrupted: true, t: 20 },
  ];

  it('leaves out, in a room, a reply cut off as the room went (how much of it arrives is timing)', () => {
    expect(storyOf(cutOff('local'))[0].lines).toEqual(['HastyLine: Hello']);
  });

  it('keeps it, offline, where the interruption is the session’s own and always the same', () => {
    expect(storyOf(cutOff('none'))[0].lines).toEqual(['HastyLine: (interrupted)', 'HastyLine: Hello']);
  });
});

// The pictures are drawn from recorded runs (docs/timelines/<name>.json), so every build draws
// the same ones; this keeps the recordings true to the lessons as they are now. The lessons whose
// point is the room are recorded in a local room, so they need a livekit-server (the global setup
// says loudly when there is none, and CI requires one).
const roomAvailable = inject('livekitServer') !== null;
describe.concurrent(
  'timelines: the recorded runs still tell what the lessons do',
  { timeout: 300_000 },
  () => {
    for (const { name, inRoom } of lessons() as { name: string; inRoom: boolean }[]) {
      const what = `${name}${inRoom ? ' (in a local room)' : ''}: a fresh run matches docs/timelines/${name}.json`;
      it.skipIf(inRoom && !roomAvailable)(what, async () => {
        expect(existsSync(recordingOf(name)), `no recording: pnpm docs:timelines --record ${name}`).toBe(
          true,
        );
        const recorded = storyOf(JSON.parse(readFileSync(recordingOf(name), 'utf8')));
        const fresh = storyOf(await runDemo(name, { inRoom }));
        expect(fresh, `the lesson changed: pnpm docs:timelines --record ${name}`).toEqual(recorded);
      });
    }
  },
);
