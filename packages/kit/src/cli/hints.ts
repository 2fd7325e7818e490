// `pnpm lesson <name> --hint`: the lesson's exercise hints, one more each time it is asked. The
// hints are data beside the exercise (src/exercise.hints.json, a list of strings, gentlest first),
// so a lesson's author edits them with the exercise, and none of them is the answer itself.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Lesson } from '../lesson/catalogue.js';
import { pc } from '../term/colors.js';
import { progressFile, readProgress, updateProgress } from '../lesson/progress.js';

export const hintsPath = (lesson: Pick<Lesson, 'name'>) => `examples/${lesson.name}/src/exercise.hints.json`;

/** The lesson's hints, in the order they are given (none if it has no hints file). */
export function readHints(lesson: Pick<Lesson, 'dir'>): string[] {
  const file = join(lesson.dir, 'src', 'exercise.hints.json');
  if (!existsSync(file)) return [];
  const hints: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (!Array.isArray(hints) || !hints.every((h) => typeof h === 'string' && h.trim())) {
    throw new Error(`${file} must be a JSON list of non-empty strings`);
  }
  return hints;
}

/** Print the next hint (and count it as read); when they have run out, say so and what is left. */
export function showNextHint(lesson: Lesson, file = progressFile()): number {
  const hints = readHints(lesson);
  const out = (line: string) => process.stdout.write(line + '\n');
  if (hints.length === 0) {
    out(
      `Lesson ${lesson.name} has no hints. The checks say what to change: pnpm lesson ${lesson.name} --check`,
    );
    return 0;
  }
  const shown = Math.min(readProgress(file).lessons[lesson.name]?.hintsShown ?? 0, hints.length);
  if (shown >= hints.length) {
    out(`That was every hint for ${lesson.name} (${hints.length} of ${hints.length}). The last one again:`);
    out(`  ${hints[hints.length - 1]}`);
    out(
      `Still stuck? ${pc.bold(`pnpm lesson ${lesson.name} --check`)} says which check fails and why; ` +
        `examples/${lesson.name}/src/solution.ts is one answer to compare with yours.`,
    );
    return 0;
  }
  updateProgress(lesson.name, (e) => ({ ...e, hintsShown: shown + 1 }), file);
  out(`${pc.yellow(`Hint ${shown + 1} of ${hints.length}`)} (${lesson.name}): ${hints[shown]}`);
  out(
    pc.dim(
      shown + 1 < hints.length
        ? `Another: pnpm lesson ${lesson.name} --hint. Try it: pnpm lesson ${lesson.name} --check --watch`
        : `That was the last hint. Try it: pnpm lesson ${lesson.name} --check --watch`,
    ),
  );
  return 0;
}
