// A learner's id: what LiveKit takes and a person can read, from the flag, the environment or
// the user and host names; a bad one is refused with what is allowed.
import { describe, expect, it } from 'vitest';
import { readCatalogue } from '../lesson/catalogue.js';
import { UsageError, parseCli } from '../cli/args.js';
import { LEARNER_ENV, chooseLearnerId, cleanLearnerId, defaultLearnerId } from './learner-id.js';

describe('the learner id', () => {
  it('defaults to the user and host names, cleaned (the same on every run of one laptop)', () => {
    expect(defaultLearnerId('Ada Lovelace', 'MacBook-Pro.local')).toBe('ada-lovelace-macbook-pro');
    expect(defaultLearnerId('josé', 'PC_07')).toBe('jose-pc-07');
    expect(defaultLearnerId('', '')).toBe('learner');
    expect(defaultLearnerId('a'.repeat(40), 'h')).toHaveLength(32);
    expect(chooseLearnerId(undefined, {})).toEqual({ id: defaultLearnerId(), from: 'default' });
  });

  it('takes --learner over the environment, and the environment over the default', () => {
    expect(chooseLearnerId('ada-7', { [LEARNER_ENV]: 'grace' })).toEqual({ id: 'ada-7', from: 'flag' });
    expect(chooseLearnerId(undefined, { [LEARNER_ENV]: 'grace' })).toEqual({
      id: 'grace',
      from: 'environment',
    });
  });

  it('refuses what LiveKit names or a reader would trip on, saying what is allowed and a close id', () => {
    for (const bad of ['Ada', 'ada lovelace', '-ada', 'ada.7', 'a'.repeat(33), '', 'ada\u001b[2J']) {
      const choice = chooseLearnerId(bad, {});
      expect(choice, bad).toHaveProperty('problem');
      expect((choice as { problem: string }).problem).toMatch(
        /^--learner must be 1 to 32 lowercase letters, digits and hyphens, starting and ending with a letter or digit\./,
      );
      expect((choice as { problem: string }).problem).not.toContain('\u001b');
    }
    expect(chooseLearnerId('Ada Lovelace', {})).toMatchObject({
      problem: expect.stringMatching(/Try: --learner ada-lovelace$/),
    });
    expect(chooseLearnerId(undefined, { [LEARNER_ENV]: 'A B' })).toMatchObject({
      problem: expect.stringMatching(/^LESSON_LEARNER must be/),
    });
    expect(cleanLearnerId('  --x--  ')).toBe('x');
  });

  it('is a usage error (exit 2) on the command line, and --take-over needs a shared server', () => {
    const lessons = readCatalogue();
    expect(parseCli(['greeting', '--mode', 'live', '--learner', 'ada-7'], lessons)).toMatchObject({
      learner: 'ada-7',
    });
    for (const argv of [
      ['greeting', '--learner', 'Ada!'],
      ['greeting', '--take-over'],
    ]) {
      let caught: unknown;
      try {
        parseCli(argv, lessons);
      } catch (error) {
        caught = error;
      }
      expect(caught, argv.join(' ')).toBeInstanceOf(UsageError);
      expect((caught as UsageError).exitCode).toBe(2);
    }
  });
});
