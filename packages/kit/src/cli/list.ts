// `pnpm lesson` with no lesson: the catalogue, with where each exercise stands and where to go on.
import type { Lesson } from '../lesson/catalogue.js';
import { pc } from '../term/colors.js';
import { type ExerciseStatus, type Progress, exerciseStatus } from '../lesson/progress.js';

const STATUS_MARK: Record<ExerciseStatus, string> = {
  passed: pc.green('✓ done'),
  edited: pc.yellow('? edited since it passed'),
  failed: pc.red('✗ not yet'),
  unchecked: '',
};

export function formatCatalogue(lessons: Lesson[], progress: Progress = { lessons: {} }): string {
  const status = new Map(lessons.map((l) => [l.name, exerciseStatus(l, progress)]));
  const rows = lessons.map(
    (l) =>
      `  ${pc.dim(String(l.order).padStart(2))}  ${pc.bold(l.name.padEnd(20))}${l.title.padEnd(50)}` +
      `${pc.dim(`${String(l.minutes).padStart(3)} min`)}  ${pc.magenta(l.hooks.join(', '))}` +
      (STATUS_MARK[status.get(l.name)!] ? `  ${STATUS_MARK[status.get(l.name)!]}` : ''),
  );
  const total = lessons.reduce((sum, l) => sum + l.minutes, 0);
  const done = lessons.filter((l) => status.get(l.name) === 'passed').length;
  // The first lesson whose exercise does not pass (yet, or any more) is where to go on.
  const next = lessons.find((l) => status.get(l.name) !== 'passed');
  return [
    pc.bold('LiveKit Agents lessons: how a voice agent lives and dies'),
    next
      ? `Next: ${pc.bold(`pnpm lesson ${next.name}`)}` +
        (done ? `, then its exercise (${done} of ${lessons.length} done)` : '  (add --help for the options)')
      : pc.green(`Every exercise passes (${done} of ${lessons.length}). Well done!`),
    '',
    ...rows,
    '',
    pc.dim(
      `  ${lessons.length} lessons, about ${total} minutes in all; exercises: pnpm lesson <name> --check --watch.`,
    ),
  ].join('\n');
}
