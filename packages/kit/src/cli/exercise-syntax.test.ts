// --check on an exercise that does not compile: where (file:line:col), what, and the line.
import { stripVTControlCharacters as plain } from 'node:util';
import { describe, expect, it } from 'vitest';
import { formatCheck, syntaxError } from './check-report.js';

// vitest's message for a file its transform could not parse, colours and box lines included.
const TRANSFORM_FAILED =
  'Transform failed with 1 error:\n\n\x1b[31m[PARSE_ERROR] \x1b[0mUnexpected token\n' +
  '    \x1b[38;5;246m╭\x1b[0m\x1b[38;5;246m─\x1b[0m\x1b[38;5;246m[\x1b[0m examples/greeting/src/exercise.ts:20:55 ' +
  '\x1b[38;5;246m]\x1b[0m\n    \x1b[38;5;246m│\x1b[0m\n \x1b[38;5;246m20 │\x1b[0m \x1b[38;5;249mc\x1b[0m';

describe('--check on a file that does not compile', () => {
  it('reads where and what from the transform error', () => {
    expect(syntaxError(TRANSFORM_FAILED)).toMatchObject({
      where: 'examples/greeting/src/exercise.ts:20:55',
      what: 'Unexpected token',
    });
    expect(syntaxError('Cannot find module ./nope.js')).toBeUndefined();
  });

  it('prints file:line:col, the error, the line, and what to do', () => {
    const { passed, lines } = formatCheck(
      {
        testResults: [
          { name: 'exercise.test.ts', status: 'failed', message: TRANSFORM_FAILED, assertionResults: [] },
        ],
      },
      { lesson: { name: 'greeting' } },
    );
    expect(passed).toBe(false);
    const text = lines.map((line) => plain(line));
    expect(text[0]).toBe('  ✗ examples/greeting/src/exercise.ts:20:55: Unexpected token');
    expect(text[1]).toMatch(/^ {4}20 \| \S/);
    expect(text.join('\n')).toMatch(/Hint: the file does not compile: fix that line/);
    expect(text.join('\n')).not.toMatch(/Transform failed|╭|\x1b/);
  });
});
