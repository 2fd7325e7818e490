// What `pnpm lesson <name> --check` prints: vitest's JSON report read as ✓ or ✗ a check, the hint
// in the first failure, a compile error as one line, and what to do next.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { type Lesson, repoRoot } from '../lesson/catalogue.js';
import { pc } from '../term/colors.js';
import { type ExerciseFile, exercisePath } from '../lesson/exercise-files.js';

/** The parts of vitest's JSON report that --check reads. */
export interface VitestReport {
  numTotalTests?: number;
  testResults: {
    name: string;
    status: string;
    /** Why the file failed as a whole (it did not load, say). */
    message?: string;
    assertionResults: {
      title: string;
      fullName?: string;
      status: 'passed' | 'failed' | 'skipped' | 'pending' | 'todo' | string;
      failureMessages?: string[];
    }[];
  }[];
}

export interface CheckOutcome {
  /** Every check passed (and there was at least one). */
  passed: boolean;
  /** What to print, one line an element. */
  lines: string[];
}

/**
 * The hint in a failure: the assertion's message, without the stack, the error's class name or,
 * when the test gave its own message, vitest's "expected … to …" tail.
 */
export function hintFrom(failure: string): string {
  const first = failure.split('\n')[0]!.trim();
  let hint = first.replace(/^AssertionError: /, '');
  const tail = hint.indexOf(': expected ');
  if (tail > 0) hint = hint.slice(0, tail);
  if (/timed out in \d+ms/i.test(hint)) {
    hint +=
      ' Something your code awaits never finished: a waitForPlayout() on the speech the tool itself belongs to?';
  }
  return hint;
}

const markOf = (status: string) =>
  status === 'passed' ? pc.green('✓') : status === 'failed' ? pc.red('✗') : pc.dim('-');

/** Turn vitest's report into the lines --check prints. */
export function formatCheck(
  report: VitestReport,
  {
    lesson,
    next,
    file = 'exercise',
    hints = 0,
    watching = false,
  }: {
    lesson: Pick<Lesson, 'name'>;
    next?: Pick<Lesson, 'name'>;
    file?: ExerciseFile;
    /** How many --hint hints the lesson has: a failure says they are there. */
    hints?: number;
    /** Under --watch, a save re-checks: say so rather than "run --check again". */
    watching?: boolean;
  },
): CheckOutcome {
  const path = exercisePath(lesson, file);
  const again = watching
    ? `edit ${path} and save it: it is checked again at once`
    : `edit ${path}, then run pnpm lesson ${lesson.name} --check again`;
  const stuck = hints
    ? [
        `Stuck? ${pc.bold(`pnpm lesson ${lesson.name} --hint`)} gives a hint (${hints} in all, one at a time).`,
      ]
    : [];
  const results = report.testResults.flatMap((r) => r.assertionResults);
  const broken = report.testResults.find((r) => r.status === 'failed' && r.assertionResults.length === 0);
  if (broken || results.length === 0) {
    return { passed: false, lines: [...notLoaded(path, broken?.message), ...stuck, `Next: ${again}`] };
  }
  const lines: string[] = [];
  for (const result of results) lines.push(`  ${markOf(result.status)} ${result.title}`);
  const failed = results.filter((r) => r.status === 'failed');
  const passed = results.filter((r) => r.status === 'passed');
  lines.push('');
  if (failed.length === 0 && passed.length === 0) {
    // Every check skipped: a run cut short (Ctrl+C), not a pass.
    lines.push(`No check ran to the end. Next: ${again}`);
    return { passed: false, lines };
  }
  if (failed.length === 0) {
    lines.push(
      `${pc.green(`All ${passed.length} checks pass.`)} ${pc.bold('Done!')} ` +
        (next
          ? `Next: ${pc.bold(`pnpm lesson ${next.name}`)}`
          : `That was the last exercise: ${pc.bold('pnpm lesson')} lists them all.`),
    );
    return { passed: passed.length > 0, lines };
  }
  const first = failed[0]!;
  lines.push(`${passed.length} of ${results.length} checks pass.`);
  lines.push(`${pc.yellow('Hint:')} ${hintFrom(first.failureMessages?.[0] ?? first.title)}`);
  lines.push(...stuck, `Next: ${again}`);
  return { passed: false, lines };
}

/** The file did not load: a compile error (where, what, the line), or the first line of why. */
function notLoaded(path: string, message: string | undefined): string[] {
  const syntax = syntaxError(message ?? '');
  if (syntax) {
    return [
      `  ${pc.red('✗')} ${syntax.where}: ${syntax.what}`,
      ...(syntax.code !== undefined ? [`    ${syntax.where.split(':')[1]} | ${syntax.code}`] : []),
      '',
      `${pc.yellow('Hint:')} the file does not compile: fix that line (a typo or a bracket, most likely).`,
    ];
  }
  const why = message?.split('\n')[0]?.trim() || 'no checks ran';
  return [
    `  ${pc.red('✗')} ${path} did not load: ${why}`,
    '',
    `${pc.yellow('Hint:')} look for a typo or a missing import near your change (pnpm typecheck helps).`,
  ];
}

/**
 * A compile error in vitest's "Transform failed" message (drawn with colours and box lines):
 * where (file:line:col), what, and the line itself when the file can be read.
 */
export function syntaxError(
  message: string,
  root = repoRoot(),
): { where: string; what: string; code?: string } | undefined {
  const text = stripVTControlCharacters(message);
  const where = /([\w./-]+\.[cm]?[jt]sx?):(\d+):(\d+)/.exec(text);
  if (!where || !/Transform failed|PARSE_ERROR|SyntaxError/.test(text)) return undefined;
  const what = /\[[A-Z_]+\]\s*(.+)/.exec(text)?.[1]?.trim() ?? 'syntax error';
  let code: string | undefined;
  try {
    code = readFileSync(join(root, where[1]!), 'utf8').split('\n')[Number(where[2]) - 1]?.trim();
  } catch {
    code = undefined;
  }
  return { where: where[0], what, code };
}
