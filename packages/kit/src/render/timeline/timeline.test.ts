import { describe, expect, it } from 'vitest';
import type { TimedEvent } from '../../trace/events.js';
import { escapeXml, renderTimeline, truncate } from './timeline.js';

// A small XML well-formedness checker, written here so that the test needs no dependency: it walks
// the text character by character and returns the element tree, or throws naming what is wrong and
// where. It knows what an SVG of ours can contain: a prolog-less document, elements, attributes in
// quotes, text, comments, character and the five predefined entity references.
type XmlElement = { name: string; attrs: Record<string, string>; children: (XmlElement | string)[] };

const isNameStart = (c: string) =>
  (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_' || c === ':' || c > '\u007f';
const isNameChar = (c: string) => isNameStart(c) || (c >= '0' && c <= '9') || c === '-' || c === '.';
const isSpace = (c: string) => c === ' ' || c === '\t' || c === '\n' || c === '\r';
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function parseXml(text: string): XmlElement {
  let i = 0;
  const fail = (what: string): never => {
    const line = text.slice(0, i).split('\n').length;
    throw new Error(`not well-formed XML at line ${line}, offset ${i}: ${what}`);
  };
  const name = () => {
    const from = i;
    if (!isNameStart(text[i] ?? '')) fail(`a name cannot start with ${JSON.stringify(text[i])}`);
    while (i < text.length && isNameChar(text[i]!)) i++;
    return text.slice(from, i);
  };
  const spaces = () => {
    while (i < text.length && isSpace(text[i]!)) i++;
  };
  /** Character data up to `stop`, with references resolved; a bare `<` or `&` is an error. */
  const chars = (stop: string) => {
    let out = '';
    while (i < text.length && text[i] !== stop) {
      const c = text[i]!;
      if (c === '<') fail('a "<" in text or in an attribute value');
      if (c === '&') {
        const end = text.indexOf(';', i);
        if (end < 0) fail('an "&" that starts no reference');
        const ref = text.slice(i + 1, end);
        if (ref.startsWith('#x')) out += String.fromCodePoint(parseInt(ref.slice(2), 16));
        else if (ref.startsWith('#')) out += String.fromCodePoint(parseInt(ref.slice(1), 10));
        else if (ref in ENTITIES) out += ENTITIES[ref];
        else fail(`an unknown entity &${ref};`);
        i = end + 1;
        continue;
      }
      const code = c.charCodeAt(0);
      if (code < 0x20 && !isSpace(c)) fail(`control character U+${code.toString(16).padStart(4, '0')}`);
      out += c;
      i++;
    }
    return out;
  };
  const skipComment = () => {
    const end = text.indexOf('-->', i + 4);
    if (end < 0) fail('an unclosed comment');
    if (text.slice(i + 4, end).includes('--')) fail('"--" inside a comment');
    i = end + 3;
  };
  const element = (): XmlElement => {
    i++; // <
    const el: XmlElement = { name: name(), attrs: {}, children: [] };
    for (;;) {
      const before = i;
      spaces();
      if (text.startsWith('/>', i)) {
        i += 2;
        return el;
      }
      if (text[i] === '>') {
        i++;
        break;
      }
      if (i === before) fail(`attributes of <${el.name}> must be separated by white space`);
      const attr = name();
      if (attr in el.attrs) fail(`<${el.name}> has the attribute ${attr} twice`);
      spaces();
      if (text[i] !== '=') fail(`attribute ${attr} of <${el.name}> has no value`);
      i++;
      spaces();
      const quote = text[i];
      if (quote !== '"' && quote !== "'") fail(`attribute ${attr} of <${el.name}> is not quoted`);
      i++;
      el.attrs[attr] = chars(quote!);
      if (i >= text.length) fail(`attribute ${attr} of <${el.name}> is not closed`);
      i++;
    }
    for (;;) {
      if (i >= text.length) fail(`<${el.name}> is never closed`);
      if (text.startsWith('</', i)) {
        i += 2;
        const closing = name();
        if (closing !== el.name) fail(`</${closing}> closes <${el.name}>`);
        spaces();
        if (text[i] !== '>') fail(`</${closing}> is not closed with ">"`);
        i++;
        return el;
      }
      if (text.startsWith('<!--', i)) skipComment();
      else if (text[i] === '<') el.children.push(element());
      else el.children.push(chars('<'));
    }
  };

  spaces();
  if (text[i] !== '<') fail('the document does not start with an element');
  const root = element();
  for (;;) {
    spaces();
    if (text.startsWith('<!--', i)) skipComment();
    else break;
  }
  if (i < text.length) fail('more than one root element, or text after the root');
  return root;
}

const walk = function* (el: XmlElement): Generator<XmlElement> {
  yield el;
  for (const child of el.children) if (typeof child !== 'string') yield* walk(child);
};
const textOf = (el: XmlElement): string =>
  el.children.map((child) => (typeof child === 'string' ? child : textOf(child))).join('');
/** Every <text> of the picture, in document order. */
const texts = (svg: string) => [...walk(parseXml(svg))].filter((el) => el.name === 'text').map(textOf);

/** The timeline drawn from `events` has each of `labels` in its text. */
function expectLabels(events: TimedEvent[], labels: string[]): void {
  const drawn = texts(renderTimeline(events)).join(' ');
  for (const label of labels) expect(drawn).toContain(label);
}

// A farewell-like run: two agents, a handoff, a tool; then a room lesson's job and room events.
let t = 0;
const at = <E extends Omit<TimedEvent, 't'>>(event: E) =>
  ({ ...event, t: (t += 40) }) as unknown as TimedEvent;
const farewell: TimedEvent[] = [
  at({ type: 'start', lesson: 'farewell', mode: 'offline', user: 'Ada', model: 'offline stand-in' }),
  at({ type: 'hook', hook: 'onEnter', agent: 'Receptionist' }),
  at({ type: 'hook_end', hook: 'onEnter', agent: 'Receptionist', result: 'ok' }),
  at({ type: 'message', role: 'assistant', text: 'Front desk here.', agent: 'Receptionist' }),
  at({ type: 'input', text: 'I was charged twice.' }),
  at({ type: 'message', role: 'user', text: 'I was charged twice.' }),
  at({ type: 'tool', name: 'transfer_to_billing', args: { reason: 'double charge' }, agent: 'Receptionist' }),
  at({ type: 'tool_end', name: 'transfer_to_billing', output: 'handoff to BillingAgent' }),
  at({ type: 'hook', hook: 'onExit', agent: 'Receptionist' }),
  at({ type: 'message', role: 'assistant', text: 'Goodbye from the front desk!', agent: 'Receptionist' }),
  at({ type: 'hook_end', hook: 'onExit', agent: 'Receptionist', result: 'ok' }),
  at({ type: 'handoff', from: 'receptionist', to: 'billing_agent' }),
  at({ type: 'hook', hook: 'onEnter', agent: 'BillingAgent' }),
  at({ type: 'hook_end', hook: 'onEnter', agent: 'BillingAgent', result: 'ok' }),
  at({ type: 'message', role: 'assistant', text: 'Billing here.', agent: 'BillingAgent' }),
  at({ type: 'close', reason: 'user_initiated' }),
];
const room: TimedEvent[] = [
  at({ type: 'start', lesson: 'shutdown-vs-delete', mode: 'local', user: 'Ada', model: 'offline stand-in' }),
  at({ type: 'scene', index: 1, of: 2, title: 'ctx.shutdown(): the agent leaves' }),
  at({ type: 'hook', hook: 'onEnter', agent: 'FrontDesk' }),
  at({ type: 'hook_end', hook: 'onEnter', agent: 'FrontDesk', result: 'ok' }),
  at({ type: 'tool', name: 'leave_call', args: {}, agent: 'FrontDesk' }),
  at({ type: 'job', call: 'shutdown', reason: 'the user asked' }),
  at({ type: 'tool_end', name: 'leave_call', output: 'left the call' }),
  at({ type: 'room', event: 'participant_left', identity: 'agent-1' }),
  at({ type: 'room', event: 'room_exists', exists: true, participants: ['learner-ada'] }),
  at({ type: 'note', text: 'In a real room the agent leaves; the room and everyone else in it stay.' }),
  at({ type: 'close', reason: 'job_shutdown' }),
  at({ type: 'scene', index: 2, of: 2, title: 'ctx.deleteRoom(): the meeting ends' }),
  at({ type: 'job', call: 'deleteRoom' }),
  at({ type: 'room', event: 'room_deleted' }),
  at({ type: 'room', event: 'disconnected', identity: 'learner-ada', reason: 'ROOM_DELETED' }),
  at({ type: 'agent_state', state: 'speaking' }),
  at({ type: 'close', reason: 'room_deleted' }),
];

describe('renderTimeline', () => {
  it('is a well-formed SVG document with a <title> first', () => {
    for (const events of [farewell, room, []]) {
      const svg = renderTimeline(events);
      const root = parseXml(svg);
      expect(root.name).toBe('svg');
      expect(root.attrs.xmlns).toBe('http://www.w3.org/2000/svg');
      expect(Number(root.attrs.width)).toBeGreaterThan(0);
      expect(Number(root.attrs.height)).toBeGreaterThan(0);
      expect(root.attrs.viewBox).toBe(`0 0 ${root.attrs.width} ${root.attrs.height}`);
      const first = root.children.find((child) => typeof child !== 'string');
      expect(first).toMatchObject({ name: 'title' });
      expect(svg).not.toMatch(/NaN|undefined|Infinity/);
    }
  });

  it('titles the picture after the lesson, or as told', () => {
    const title = (svg: string) => textOf([...walk(parseXml(svg))].find((el) => el.name === 'title')!);
    expect(title(renderTimeline(farewell))).toBe('Hook timeline: farewell');
    expect(title(renderTimeline(farewell, { title: 'Lesson 2' }))).toBe('Lesson 2');
    expect(title(renderTimeline([]))).toBe('Hook timeline');
  });

  it('shows the hooks as labelled markers, in the order they ran', () => {
    const labels = texts(renderTimeline(farewell));
    const order = ['Receptionist.onEnter()', 'Receptionist.onExit()', 'BillingAgent.onEnter()'].map((hook) =>
      labels.indexOf(hook),
    );
    expect(
      order.every((index) => index >= 0),
      labels.join('\n'),
    ).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(labels).toContain('onExit returned');
  });

  it('has a lane per participant: the user, each agent in order of appearance, the room/job if used', () => {
    const lanesOf = (events: TimedEvent[]) =>
      [...walk(parseXml(renderTimeline(events)))]
        .filter((el) => el.name === 'text' && el.attrs.class === 'head-text')
        .map(textOf);
    expect(lanesOf(farewell)).toEqual(['user (Ada)', 'Receptionist', 'BillingAgent']);
    expect(lanesOf(room)).toEqual(['user (Ada)', 'FrontDesk', 'room / job']);
  });

  it('draws messages, tool calls, the handoff, job calls, room events, notes, scenes and the close', () => {
    expectLabels(farewell, [
      'Front desk here.',
      'I was charged twice.',
      '▸ transfer_to_billing({"reason":"double charge"})',
      '◂ transfer_to_billing → handoff to BillingAgent',
      'handoff receptionist → billing_agent',
      '■ session closed: user_initiated',
    ]);
    expectLabels(room, [
      'Scene 1 of 2: ctx.shutdown(): the agent leaves',
      'ctx.shutdown("the user asked")',
      'ctx.deleteRoom()',
      'participant_left (agent-1)',
      'room_exists: true; in it: learner-ada',
      'disconnected (learner-ada, ROOM_DELETED)',
      'note: In a real room the agent leaves',
      '■ session closed: room_deleted',
    ]);
  });

  it("shows what onUserTurnCompleted changed, added or stopped, and a typed line's stored form", () => {
    const events = [
      at({ type: 'input', text: 'My card is 4242' }),
      at({ type: 'hook', hook: 'onUserTurnCompleted', agent: 'Support', message: 'My card is 4242' }),
      at({
        type: 'hook_end',
        hook: 'onUserTurnCompleted',
        agent: 'Support',
        result: 'ok',
        message: 'My card is [card]',
        added: ['system: a note'],
      }),
      at({ type: 'message', role: 'user', text: 'My card is [card]' }),
      at({ type: 'input', text: 'never mind' }),
      at({ type: 'hook', hook: 'onUserTurnCompleted', agent: 'Support', message: 'never mind' }),
      at({ type: 'hook_end', hook: 'onUserTurnCompleted', agent: 'Support', result: 'stop_response' }),
    ];
    expectLabels(events, [
      'Support.onUserTurnCompleted(…, "My card is 4242")',
      'message changed to "My card is [card]"',
      '+ added to the turn: system: a note',
      'kept as: My card is [card]',
      'onUserTurnCompleted threw StopResponse',
    ]);
  });

  it('escapes <, &, " and \' and drops characters XML cannot hold', () => {
    const nasty = `<script>alert("x")</script> & 'quotes' \u0007bell`;
    const svg = renderTimeline([
      at({ type: 'start', lesson: 'a<b>&"c"', mode: 'offline', user: 'Ada & "Bo"', model: '<m>' }),
      at({ type: 'message', role: 'assistant', text: nasty, agent: 'Agent<T>' }),
      at({ type: 'tool', name: 'say', args: { text: '</svg>' }, agent: 'Agent<T>' }),
      at({ type: 'close', reason: '"quoted" & <angled>' }),
    ]);
    expect(svg).not.toContain('<script');
    expect(svg).not.toContain('</svg>"');
    expect(svg).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &apos;quotes&apos; bell');
    const root = parseXml(svg); // throws if anything got through unescaped
    const all = [...walk(root)].map(textOf).join('\n');
    expect(all).toContain(`<script>alert("x")</script> & 'quotes' bell`);
    expect(all).toContain('Agent<T>');
    expect(all).toContain('■ session closed: "quoted" & <angled>');
    expect(escapeXml(`<&"'>`)).toBe('&lt;&amp;&quot;&apos;&gt;');
  });

  it('cuts long messages short with an ellipsis', () => {
    const long = `${'word '.repeat(60)}END`;
    const svg = renderTimeline([at({ type: 'message', role: 'assistant', text: long, agent: 'A' })], {
      maxMessage: 40,
    });
    const bar = texts(svg).find((text) => text.startsWith('word'))!;
    expect([...bar].length).toBeLessThanOrEqual(40);
    expect(bar.endsWith('…')).toBe(true);
    expect(svg).not.toContain('END');
    expect(truncate('a  b\nc', 10)).toBe('a b c');
    expect(truncate('abcdef', 4)).toBe('abc…');
  });

  it('ends a call the scene never ended (its room went first) where the next scene begins', () => {
    const svg = renderTimeline([
      at({ type: 'scene', index: 1, of: 2, title: 'one' }),
      at({ type: 'tool', name: 'end_call', args: {}, agent: 'A' }),
      at({ type: 'close', reason: 'user_initiated' }),
      at({ type: 'scene', index: 2, of: 2, title: 'two' }),
      at({ type: 'message', role: 'assistant', text: 'Hello', agent: 'A' }),
      at({ type: 'close', reason: 'user_initiated' }),
    ]);
    const spans = [...walk(parseXml(svg))].filter((el) => (el.attrs.class ?? '').split(' ').includes('span'));
    const second = [...walk(parseXml(svg))].find(
      (el) => el.name === 'text' && el.children.join('').startsWith('Scene 2 of 2'),
    )!;
    expect(spans).toHaveLength(1);
    const bottom = Number(spans[0]!.attrs.y) + Number(spans[0]!.attrs.height);
    expect(bottom).toBeLessThan(Number(second.attrs.y));
  });

  it('puts a long scene title or job call on two lines, or further left, rather than cut it short', () => {
    const title = `the caller goes quiet: userAwayTimeout, asked once, then a polite goodbye and ${'more '.repeat(4)}END`;
    const svg = renderTimeline([
      at({ type: 'scene', index: 3, of: 3, title }),
      at({ type: 'hook', hook: 'onEnter', agent: 'A' }),
      at({ type: 'hook', hook: 'onEnter', agent: 'B' }),
      at({ type: 'hook', hook: 'onEnter', agent: 'C' }),
      at({ type: 'job', call: 'shutdown', reason: 'user_initiated' }),
      at({ type: 'close', reason: 'user_initiated' }),
    ]);
    expect(texts(svg).join(' ')).toContain('END');
    expect(texts(svg)).toContain('ctx.shutdown("user_initiated")');
    expect(texts(svg).filter((t) => t.endsWith('…'))).toEqual([]);
  });

  it('is self-contained: no scripts, links, fonts or images to fetch', () => {
    const svg = renderTimeline(room);
    for (const el of walk(parseXml(svg))) {
      expect(['script', 'image', 'foreignObject', 'a', 'use']).not.toContain(el.name);
      expect(Object.keys(el.attrs).filter((a) => a.includes('href'))).toEqual([]);
    }
    expect(svg).not.toMatch(/@import|@font-face|url\(/);
  });

  it('is deterministic, and follows the colour scheme', () => {
    expect(renderTimeline(room)).toBe(renderTimeline(structuredClone(room)));
    expect(renderTimeline(room)).toContain('@media (prefers-color-scheme:dark)');
  });
});

describe('the test’s XML checker', () => {
  it('rejects what is not well-formed', () => {
    expect(() => parseXml('<a><b></a></b>')).toThrow(/<\/a> closes <b>/);
    expect(() => parseXml('<a>x & y</a>')).toThrow(/unknown entity|starts no reference/);
    expect(() => parseXml('<a title="1 < 2"/>')).toThrow(/"<"/);
    expect(() => parseXml('<a x="1" x="2"/>')).toThrow(/twice/);
    expect(() => parseXml('<a x=1/>')).toThrow(/not quoted/);
    expect(() => parseXml('<a/><b/>')).toThrow(/more than one root/);
    expect(() => parseXml('<a>')).toThrow(/never closed/);
    expect(() => parseXml('<a>\u0007</a>')).toThrow(/control character/);
    expect(parseXml('<a k="&amp;&#60;">t<!-- c --><b/></a>')).toEqual({
      name: 'a',
      attrs: { k: '&<' },
      children: ['t', { name: 'b', attrs: {}, children: [] }],
    });
  });
});
