// The CLI's end of the after-the-call trace: the job processes append JSON lines to one file per
// run (see job-entry.ts), this follows it and hands each room's events to that room's sink.
// A file, not the room (gone by then) nor the worker's IPC channel (the framework's own, with
// no place for ours): appendFileSync from the job survives its exit, and needs no server.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventSink, LessonEvent } from '../trace/events.js';

interface Line {
  room: string;
  event?: LessonEvent;
  done?: true;
}

export interface AfterCallTrace {
  path: string;
  /** Hand the events the jobs in `room` write to `sink`, as they come. */
  follow(room: string, sink: EventSink, onClose?: () => void): void;
  /** Resolves once the job in `room` has exited (false: after `timeoutMs`, or once `cancelled()`). */
  done(room: string, timeoutMs?: number, cancelled?: () => boolean): Promise<boolean>;
  stop(): void;
}

export function afterCallTrace(): AfterCallTrace {
  const path = join(tmpdir(), `lessons-after-${process.pid}-${Date.now()}.jsonl`);
  writeFileSync(path, '', { mode: 0o600 });
  const sinks = new Map<string, { sink: EventSink; onClose?: () => void }>();
  const finished = new Set<string>();
  let read = 0;
  const poll = () => {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      return;
    }
    // Only whole lines: a job may be half-way through writing one.
    const end = text.lastIndexOf('\n') + 1;
    if (end <= read) return;
    for (const raw of text.slice(read, end).split('\n')) {
      if (!raw) continue;
      try {
        const line = JSON.parse(raw) as Line;
        if (line.done) finished.add(line.room);
        const to = sinks.get(line.room);
        if (line.event && to) {
          to.sink(line.event);
          if (line.event.type === 'close') to.onClose?.();
        }
      } catch {
        // not ours to judge: skip a line that is not JSON
      }
    }
    read = end;
  };
  const timer = setInterval(poll, 50);
  timer.unref();
  return {
    path,
    follow(room, sink, onClose) {
      sinks.set(room, { sink, onClose });
      poll();
    },
    async done(room, timeoutMs = 15_000, cancelled = () => false) {
      const deadline = performance.now() + timeoutMs;
      for (;;) {
        poll();
        if (finished.has(room)) return true;
        if (performance.now() > deadline || cancelled()) return false;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    stop() {
      clearInterval(timer);
      poll();
      rmSync(path, { force: true });
    },
  };
}
