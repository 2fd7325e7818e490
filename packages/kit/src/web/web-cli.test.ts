// --web and --open on the command line: what they turn on, and the one line for each misuse.
import { describe, expect, it } from 'vitest';
import { readCatalogue } from '../lesson/catalogue.js';
import { usage } from '../cli/usage.js';
import { parseArgs as parse, usageErrorOf } from '../testing/cli-args.js';

const lessons = readCatalogue();
const error = (...argv: string[]) => {
  const rejected = usageErrorOf(...argv);
  expect(rejected.exitCode).toBe(2);
  return rejected.message;
};

describe('--web and --open', () => {
  it('--web runs the lesson in local mode, the page as the learner', () => {
    expect(parse('end-call', '--web')).toMatchObject({
      web: true,
      open: false,
      mode: { name: 'local', room: 'local' },
    });
    expect(parse('end-call', '--web', '--mode', 'local', '--open')).toMatchObject({ web: true, open: true });
    // On a shared server (a workshop's): the page joins the learner's room there.
    expect(parse('end-call', '--web', '--mode', 'live', '--learner', 'ada-7')).toMatchObject({
      web: true,
      learner: 'ada-7',
      mode: { name: 'live', room: 'remote' },
    });
    expect(parse('end-call')).toMatchObject({
      web: false,
      open: false,
      mode: { name: 'offline', room: 'none' },
    });
  });

  it('says what is wrong, and what to type instead', () => {
    expect(error('end-call', '--open')).toBe('--open goes with --web: pnpm lesson end-call --web --open');
    expect(error('--web')).toMatch(/^--web needs a lesson, for example: pnpm lesson \S+ --web$/);
    expect(error('greeting', '--web', '--check')).toMatch(/cannot go with --check/);
    expect(error('end-call', '--wbe')).toMatch(/Did you mean --web\?/);
  });

  it('--help names both', () => {
    const help = usage(lessons);
    expect(help).toMatch(/--web\s+the playground/);
    expect(help).toMatch(/--open\s+with --web/);
  });
});
