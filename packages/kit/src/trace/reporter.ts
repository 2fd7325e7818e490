// Two views of one event stream: a readable transcript for a person, JSON lines for programs.
import { pc } from '../term/colors.js';
import type { EventSink, LessonEvent, TimedEvent } from './events.js';
import { printable } from '../term/text.js';

export interface Reporter {
  sink: EventSink;
  /** A line for the person at the terminal (never printed in --json mode). */
  print(line: string): void;
  readonly events: TimedEvent[];
}

export function createReporter({
  json,
  write = (text: string) => process.stdout.write(text),
  // performance.now() counts from the process start, so by default t is time since launch.
  startedAt = 0,
}: {
  json: boolean;
  write?: (text: string) => void;
  startedAt?: number;
}): Reporter {
  const events: TimedEvent[] = [];
  let hookMessage: string | undefined;
  return {
    events,
    sink(event) {
      const timed = { ...event, t: Math.round(performance.now() - startedAt) } as TimedEvent;
      events.push(timed);
      if (json) {
        write(JSON.stringify(timed) + '\n');
        return;
      }
      // The typed line is shown as "you"; the message the agent kept is shown only when a hook changed it.
      if (event.type === 'hook') hookMessage = event.message;
      if (event.type === 'hook_end' && event.message === hookMessage) {
        const { message: _unchanged, ...rest } = shownAsText(timed) as Extract<
          TimedEvent,
          { type: 'hook_end' }
        >;
        write(formatEvent(rest as TimedEvent) + '\n');
        return;
      }
      // The edited message shows on the hook's line already.
      if (event.type === 'message' && event.role === 'user') return;
      write(formatEvent(shownAsText(timed)) + '\n');
    },
    print(line) {
      if (!json) write(line + '\n');
    },
  };
}

/** The event with its text made printable: a name, a reply or a tool's output cannot drive the terminal. */
function shownAsText<T extends LessonEvent>(event: T): T {
  const clean = (value: unknown): unknown =>
    typeof value === 'string' ? printable(value) : Array.isArray(value) ? value.map(clean) : value;
  return Object.fromEntries(Object.entries(event).map(([key, value]) => [key, clean(value)])) as T;
}

const label = (text: string) => `${text.padEnd(8)} `;

export function formatEvent(event: TimedEvent): string {
  if (event.type === 'scene') return pc.bold(`\n── Scene ${event.index} of ${event.of}: ${event.title}`);
  const time = pc.dim(`${(event.t / 1000).toFixed(2).padStart(6)}s  `);
  return time + describe(event);
}

function describeHookEnd(event: Extract<LessonEvent, { type: 'hook_end' }>): string {
  const what =
    event.result === 'stop_response'
      ? 'threw StopResponse: no reply to this turn'
      : event.result === 'error'
        ? `failed: ${event.error ?? 'an error'}`
        : event.message !== undefined
          ? `returned, having changed the message to ${JSON.stringify(event.message)}`
          : 'returned';
  const added = (event.added ?? []).map(
    (line) => `\n${' '.repeat(9)}${label('')}+ added to the turn: ${line}`,
  );
  return pc.magenta(`${label('◂ hook')}${event.agent}.${event.hook} ${what}${added.join('')}`);
}

function describeRoom(event: Extract<LessonEvent, { type: 'room' }>): string {
  const detail = [
    event.identity,
    event.reason,
    event.exists === undefined ? undefined : `exists: ${event.exists}`,
  ]
    .filter(Boolean)
    .join(', ');
  return pc.blue(`${label('room')}${event.event}${detail ? ` (${detail})` : ''}`);
}

function describe(event: LessonEvent): string {
  switch (event.type) {
    case 'start':
      return pc.dim(`started ${event.lesson} for ${event.user}`);
    case 'hook': {
      const arg = event.message !== undefined ? `(…, ${JSON.stringify(event.message)})` : '()';
      return pc.magenta(`${label('▸ hook')}${event.agent}.${event.hook}${arg}`);
    }
    case 'hook_end':
      return describeHookEnd(event);
    case 'message':
      return event.role === 'user'
        ? `${pc.cyan(label('kept'))}${event.text}${pc.dim('  (the user message as the hook left it)')}`
        : `${pc.green(pc.bold(label(event.agent ?? 'agent')))}${event.text}${event.interrupted ? pc.dim(' (interrupted)') : ''}`;
    case 'input':
      return `${pc.cyan(label('you'))}${event.text}`;
    case 'tool':
      return pc.yellow(`${label('▸ tool')}${event.name}(${JSON.stringify(event.args)})`);
    case 'tool_end':
      return pc.yellow(`${label('◂ tool')}${event.name} → ${event.output}`);
    case 'handoff':
      return pc.blue(`${label('handoff')}${event.from} → ${event.to}`);
    case 'job':
      return pc.red(
        `${label('▸ job')}ctx.${event.call}(${event.reason ? JSON.stringify(event.reason) : ''})`,
      );
    case 'room':
      return describeRoom(event);
    case 'agent_state':
      return pc.dim(`${label('state')}${event.state}`);
    case 'speech':
      return pc.dim(`${label('speech')}${event.event} ${event.id}`);
    case 'scene':
      return `Scene ${event.index} of ${event.of}: ${event.title}`;
    case 'note':
      return pc.dim(`${label('note')}${event.text}`);
    case 'after':
      return pc.red(
        `${label('▸ after')}${event.step === 'onSessionEnd' ? 'onSessionEnd' : `shutdown callback ${event.name}`} ${event.result === 'ok' ? 'ran' : 'failed'}`,
      );
    case 'close':
      return pc.red(
        `${label('■ close')}session closed: ${event.reason}${event.error ? ` (${event.error})` : ''}`,
      );
  }
}
