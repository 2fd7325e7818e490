import { describe, expect, it } from 'vitest';
import { readCatalogue } from './catalogue.js';
import { UsageError, parseCli } from './cli.js';
import { suggest } from './suggest.js';

const lessons = readCatalogue();
const parse = (...argv: string[]) => parseCli(argv, lessons);
const error = (...argv: string[]) => {
  try {
    parse(...argv);
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    return (e as UsageError).message;
  }
  throw new Error(`expected ${argv.join(' ')} to be rejected`);
};

describe('parseCli', () => {
  it('defaults: offline mode, user Ada, no JSON', () => {
    expect(parse('greeting')).toMatchObject({
      lesson: { name: 'greeting' },
      mode: 'offline',
      user: 'Ada',
      json: false,
    });
    expect(parse('farewell', '--mode', 'local', '--user', 'Grace', '--json')).toMatchObject({
      lesson: { name: 'farewell' },
      mode: 'local',
      user: 'Grace',
      json: true,
    });
    expect(parse().lesson).toBeUndefined();
  });

  it('names what was wrong and suggests the close match', () => {
    expect(error('greting')).toBe(
      'unknown lesson "greting". Did you mean greeting? Lessons: greeting, farewell, turn-context, shutdown-vs-delete, end-call.',
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

describe('suggest', () => {
  it('suggests only what is close', () => {
    expect(suggest('end-cal', ['end-call', 'greeting'])).toBe('end-call');
    expect(suggest('shutdown', ['shutdown-vs-delete', 'greeting'])).toBe('shutdown-vs-delete');
    expect(suggest('xyz', ['greeting', 'farewell'])).toBeUndefined();
  });
});
