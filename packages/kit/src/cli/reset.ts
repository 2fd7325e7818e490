// `pnpm lesson <name> --reset`: put the exercise file back as the repository has it (git's HEAD,
// not a copy kept somewhere that could drift from it), keeping the learner's version beside it
// under a git-ignored name, so a reset never loses work.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Lesson, repoRoot } from '../lesson/catalogue.js';
import { pc } from '../term/colors.js';
import { exercisePath } from '../lesson/exercise-files.js';
import { progressFile, updateProgress } from '../lesson/progress.js';

/** The first free name beside the exercise: exercise.ts.mine, then exercise.ts.mine-2, -3, … */
export function keptName(path: string): string {
  if (!existsSync(`${path}.mine`)) return `${path}.mine`;
  let n = 2;
  while (existsSync(`${path}.mine-${n}`)) n += 1;
  return `${path}.mine-${n}`;
}

/** The committed exercise file, or why it cannot be had. */
function committedExercise(root: string, path: string): { text: string } | { why: string } {
  const git = (...args: string[]) => spawnSync('git', args, { cwd: root, encoding: 'utf8' });
  const inside = git('rev-parse', '--is-inside-work-tree');
  if (inside.error || inside.status !== 0 || inside.stdout.trim() !== 'true') {
    const what = inside.error ? 'git is not installed' : `${root} is not a git checkout`;
    return {
      why:
        `--reset restores the exercise from git, and ${what}. ` +
        `Copy ${path} from the lessons' repository by hand instead.`,
    };
  }
  const shown = git('show', `HEAD:./${path}`);
  if (shown.status !== 0) {
    return { why: `git has no committed ${path} to restore (is it in HEAD?). Nothing was changed.` };
  }
  return { text: shown.stdout };
}

/** Restore the exercise; returns the exit code (0: restored or already as committed, 1: refused). */
export function resetExercise(
  lesson: Lesson,
  { root = repoRoot(), progress = progressFile(root) }: { root?: string; progress?: string } = {},
): number {
  const path = exercisePath(lesson);
  const committed = committedExercise(root, path);
  if ('why' in committed) {
    process.stderr.write(`${pc.red('error:')} ${committed.why}\n`);
    return 1;
  }
  const full = join(root, path);
  const current = existsSync(full) ? readFileSync(full, 'utf8') : undefined;
  // A fresh start: the last check and the hints read no longer describe this file.
  updateProgress(lesson.name, () => ({}), progress);
  const out = (line: string) => process.stdout.write(line + '\n');
  if (current === committed.text) {
    out(`${path} is already the starting file: nothing to reset.`);
    return 0;
  }
  const kept = current === undefined ? undefined : keptName(full);
  out(`Resetting ${pc.bold(path)} to its starting state (the file as committed in git).`);
  if (kept) {
    const keptPath = kept.slice(root.length + 1);
    writeFileSync(kept, current!);
    out(`  Your version is kept beside it, as ${pc.bold(keptPath)} (git ignores it).`);
    out(pc.dim(`  Compare them: git diff --no-index ${path} ${keptPath}`));
  }
  writeFileSync(full, committed.text);
  out(`Next: ${pc.bold(`pnpm lesson ${lesson.name} --check --watch`)}, then edit ${path}`);
  return 0;
}
