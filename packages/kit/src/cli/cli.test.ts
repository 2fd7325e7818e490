import { describe, expect, it } from 'vitest';
import { suggest } from '../term/suggest.js';
import { parseArgs as parse, usageErrorOf } from '../testing/cli-args.js';

const error = (...argv: string[]) => usageErrorOf(...argv).message;

describe('parseCli', () => {
  it('defaults: offline mode, user Ada, no JSON', () => {
    expect(parse('greeting')).toMatchObject({
      lesson: { name: 'greeting' },
      mode: { name: 'offline', room: 'none', model: 'stand-in' },
      user: 'Ada',
      json: false,
    });
    expect(parse('farewell', '--mode', 'local', '--user', 'Grace', '--json')).toMatchObject({
      lesson: { name: 'farewell' },
      mode: { name: 'local', room: 'local', model: 'stand-in' },
      user: 'Grace',
      json: true,
    });
    expect(parse().lesson).toBeUndefined();
  });

  it('names what was wrong and suggests the close match', () => {
    expect(error('greting')).toBe(
      'unknown lesson "greting". Did you mean greeting? Lessons: greeting, farewell, turn-context, shutdown-vs-delete, end-call, after-the-call.',
    );
    expect(error('nope')).toMatch(/^unknown lesson "nope"\. Lessons: greeting, /);
    expect(error('greeting', '--jsn')).toMatch(/^unknown option --jsn\. Did you mean --json\? Valid: /);
    expect(error('greeting', '--mode', 'lcoal')).toBe(
      'unknown mode "lcoal". Did you mean local? Valid modes: offline, local, live.',
    );
    expect(error('greeting', '--mode')).toMatch(/^option --mode needs a value/);
    expect(error('greeting', 'farewell')).toMatch(/^one lesson at a time/);
    expect(error('greeting', '--user', ' ')).toMatch(/^--user needs a name/);
  });
});

describe('modes: where the room is, which model speaks', () => {
  it('defaults: offline and local speak with the stand-in, live with OpenAI', () => {
    expect(parse('greeting', '--mode', 'live').mode).toEqual({
      name: 'live',
      room: 'remote',
      model: 'openai',
    });
    expect(parse('greeting', '--mode', 'live', '--model', 'stand-in').mode).toEqual({
      name: 'live',
      room: 'remote',
      model: 'stand-in',
    });
    expect(parse('greeting', '--mode', 'local', '--model', 'openai').mode).toEqual({
      name: 'local',
      room: 'local',
      model: 'openai',
    });
    expect(parse('greeting', '--model', 'stand-in').mode).toEqual({
      name: 'offline',
      room: 'none',
      model: 'stand-in',
    });
  });

  it('offline is the stand-in only; an unknown model is named with the valid ones', () => {
    expect(error('greeting', '--model', 'openai')).toMatch(
      /^offline mode has no network, so its model is always the stand-in\. For OpenAI: --mode local --model openai/,
    );
    expect(error('greeting', '--mode', 'local', '--model', 'opnai')).toBe(
      'unknown model "opnai". Did you mean openai? Valid models: stand-in, openai.',
    );
    expect(error('greeting', '--model')).toBe('option --model needs a value, for example --model openai.');
    expect(error('greeting', '--check', '--model', 'stand-in')).toMatch(/--check works offline only/);
  });
});

describe('suggest', () => {
  it('suggests only what is close', () => {
    expect(suggest('end-cal', ['end-call', 'greeting'])).toBe('end-call');
    expect(suggest('shutdown', ['shutdown-vs-delete', 'greeting'])).toBe('shutdown-vs-delete');
    expect(suggest('xyz', ['greeting', 'farewell'])).toBeUndefined();
  });
});

describe('argument messages', () => {
  it('a switch given a value says it takes none', () => {
    expect(error('greeting', '--json=false')).toBe(
      '--json takes no value: write --json to turn it on, or leave it out.',
    );
    expect(error('--help=yes')).toBe('--help takes no value: write --help to turn it on, or leave it out.');
  });

  it('a bare -- (as npm users write it) is not taken for a lesson', () => {
    expect(parse('greeting', '--', '--user', 'Bob')).toMatchObject({
      lesson: { name: 'greeting' },
      user: 'Bob',
    });
    expect(parse('--', 'greeting', '--json')).toMatchObject({ lesson: { name: 'greeting' }, json: true });
    expect(parse('--').lesson).toBeUndefined();
  });
});

describe('--user', () => {
  it('is text: escape sequences and control characters never reach the terminal', () => {
    expect(parse('greeting', '--user', '\x1b[2JAda\x1b]0;pwned\x07').user).toBe('Ada');
    expect(parse('greeting', '--user', 'Ada\nLovelace').user).toBe('Ada Lovelace');
    expect(parse('greeting', '--user', 'Ada\r\tLovelace\u0085\u009b').user).toBe('Ada Lovelace');
    expect(parse('greeting', '--user', 'Grace\u202eecarG').user).toBe('Grace ecarG');
    expect(parse('greeting', '--user', 'José Ñúñez 李').user).toBe('José Ñúñez 李');
  });

  it('has a length the server accepts, and says so when it is too long', () => {
    expect(parse('greeting', '--user', 'x'.repeat(60)).user).toHaveLength(60);
    expect(error('greeting', '--user', 'x'.repeat(249))).toBe(
      '--user is 249 characters long; a name can have at most 60. Try a shorter one, for example --user Grace.',
    );
    expect(error('greeting', '--user', '\x1b[2J\n')).toMatch(/^--user needs a name/);
  });
});
