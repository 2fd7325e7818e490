// The doctor's report: each check's status, the mark and colour it is shown with, and the verdict.
// Apart from the checks, so the live-mode check (doctor-live.ts) can use its types without a cycle.
import { pc } from '../term/colors.js';

export type Status = 'ok' | 'fail' | 'warn';

export interface Check {
  /** What was checked, in a few words, with what was found (never a secret). */
  label: string;
  status: Status;
  /** What to do about it, when the status is not ok. */
  fix?: string;
  /** The offline lessons need it: a failure makes the doctor exit 1. */
  essential: boolean;
}

const MARKS: Record<Status, string> = { ok: '✓', fail: '✗', warn: '!' };
const COLOURS: Record<Status, (text: string) => string> = { ok: pc.green, fail: pc.red, warn: pc.yellow };

/** The report: a header, one line a check (with its fix when not ✓), and the verdict. */
export function formatReport(checks: Check[]): string[] {
  const broken = checks.some((check) => check.essential && check.status === 'fail');
  return [
    pc.bold('pnpm run doctor: is this machine ready for the lessons?'),
    ...checks.map(({ label, status, fix }) => {
      const mark = COLOURS[status](MARKS[status]);
      return `  ${mark} ${label}${status !== 'ok' && fix ? `. ${pc.bold('Fix:')} ${fix}` : ''}`;
    }),
    '',
    broken
      ? `${pc.red('Not ready:')} fix what is marked ✗, then run it again: pnpm run doctor`
      : `${pc.green('Ready')} for the offline lessons: ${pc.bold('pnpm lesson greeting')}` +
        (checks.some((c) => c.status !== 'ok') ? pc.dim(' (! marks what is optional)') : ''),
  ];
}

/** 0 unless something the offline lessons need is broken. */
export function exitCode(checks: Check[]): number {
  return checks.some((check) => check.essential && check.status === 'fail') ? 1 : 0;
}
