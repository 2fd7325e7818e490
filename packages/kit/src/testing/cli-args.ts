// What the command-line tests share: parse a command line against the real catalogue, and the
// usage error a bad one gets.
import { expect } from 'vitest';
import { UsageError, parseCli } from '../cli/args.js';
import { readCatalogue } from '../lesson/catalogue.js';

const lessons = readCatalogue();

/** `pnpm lesson <argv…>` as parsed, without running anything. */
export const parseArgs = (...argv: string[]) => parseCli(argv, lessons);

/** The usage error `argv` is rejected with; the test fails if it is accepted or fails otherwise. */
export function usageErrorOf(...argv: string[]): UsageError {
  try {
    parseCli(argv, lessons);
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    return e as UsageError;
  }
  throw new Error(`expected ${argv.join(' ')} to be rejected`);
}
