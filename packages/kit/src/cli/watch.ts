// `pnpm lesson <name> --check --watch`: check the exercise, then again on every save of it (or of a
// file it imports), redrawing the result each time. One vitest stays open for the whole session,
// and the next check's worker starts (and loads the framework) while the learner edits, so a save
// is re-checked in about a second where a fresh `--check` takes 2.5 (pnpm bench, a loaded machine).
import { type FSWatcher, existsSync, readFileSync, watch } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { type Lesson, repoRoot } from '../lesson/catalogue.js';
import { pc } from '../term/colors.js';
import type { ExerciseFile } from '../lesson/exercise-files.js';
import { formatCheck } from './check-report.js';
import { readHints } from './hints.js';
import { progressFile, recordCheck, sha1Of } from '../lesson/progress.js';
import { WarmChecks } from './warm-checks.js';

const IMPORT = /(?:from\s*|import\s*\(?\s*)['"](\.{1,2}\/[^'"]+)['"]/g;

/** A file and the files it imports by relative path, transitively (TypeScript's .js → .ts). */
export function relativeImports(entry: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file) || !existsSync(file)) return;
    seen.add(file);
    for (const [, spec] of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const target = resolve(dirname(file), spec!);
      const ts = target.replace(/\.(m?)js$/, '.$1ts');
      visit(existsSync(ts) ? ts : existsSync(`${target}.ts`) ? `${target}.ts` : target);
    }
  };
  visit(entry);
  return [...seen];
}

/** The first syntax error in `files`, as one `file:line:col: message` line (repo-relative). */
export async function syntaxError(files: string[], root: string): Promise<string | undefined> {
  const { transform } = await import('esbuild');
  for (const file of files) {
    try {
      await transform(readFileSync(file, 'utf8'), { loader: 'ts', sourcefile: file, logLevel: 'silent' });
    } catch (error) {
      const first = (error as { errors?: { text: string; location?: { line: number; column: number } }[] })
        .errors?.[0];
      if (!first) throw error;
      const at = first.location ? `:${first.location.line}:${first.location.column + 1}` : '';
      return `${relative(root, file)}${at}: ${first.text}`;
    }
  }
  return undefined;
}

/**
 * Call `onSave` with the files among `files()` whose content changed. Watches their folders, not
 * the files: an editor that saves by renaming a new file into place would leave a watch on the
 * old file seeing nothing more. Returns a function that stops watching.
 */
function watchSaves(files: () => string[], onSave: (changed: string[]) => void): () => void {
  const watchers = new Map<string, FSWatcher>();
  let seen = new Map(files().map((f) => [f, sha1Of(f)]));
  let debounce: NodeJS.Timeout | undefined;
  const onEvent = () => {
    clearTimeout(debounce);
    debounce = setTimeout(() => {
      const now = files();
      const changed = now.filter((f) => sha1Of(f) !== seen.get(f));
      seen = new Map(now.map((f) => [f, sha1Of(f)]));
      follow(now);
      if (changed.length) onSave(changed);
    }, 30);
  };
  const follow = (now: string[]) => {
    for (const dir of new Set(now.map((f) => dirname(f)))) {
      if (!watchers.has(dir)) watchers.set(dir, watch(dir, onEvent));
    }
  };
  follow(files());
  return () => {
    clearTimeout(debounce);
    for (const watcher of watchers.values()) watcher.close();
  };
}

/** Run `task` one call at a time; calls during a run make one more run after it, with the latest. */
function oneAtATime(task: (why: string) => Promise<void>): (why: string) => void {
  let running = false;
  let again: string | undefined;
  return async function request(why: string) {
    if (running) return void (again = why);
    running = true;
    try {
      for (let reason: string | undefined = why; reason; reason = again) {
        again = undefined;
        await task(reason);
      }
    } finally {
      running = false;
    }
  };
}

interface WatchOptions {
  root?: string;
  file?: ExerciseFile;
  /** The progress file a check's outcome goes to (default: progressFile()). */
  progress?: string;
  /** Called with each outcome (the tests of the watch loop wait on it). */
  onChecked?: (passed: boolean | undefined) => void;
  /** Resolves when the watch should stop (default: Ctrl+C or SIGTERM). */
  stop?: Promise<unknown>;
}

/** Watch the exercise and re-check it on every save, until stopped; returns the exit code. */
export async function watchCheck(lesson: Lesson, next: Lesson | undefined, options: WatchOptions = {}) {
  const { root = repoRoot(), file = 'exercise', onChecked, progress = progressFile(root) } = options;
  const entry = join(lesson.dir, 'src', `${file}.ts`);
  const path = relative(root, entry);
  const out = (text: string) => process.stdout.write(text + '\n');
  const checks = await WarmChecks.open(root, join(lesson.dir, 'src', 'exercise.test.ts'), file);
  let stopping = false;
  let checked = 0;

  const check = oneAtATime(async (why) => {
    const files = relativeImports(entry);
    if (process.stdout.isTTY)
      process.stdout.write('\x1b[2J\x1b[H'); // a fresh screen a check
    else if (checked) out(pc.dim('─'.repeat(60)));
    out(`Checking ${pc.bold(path)} ${pc.dim(`(${why})`)}…`);
    const broken = await syntaxError(files, root);
    let passed: boolean | undefined;
    if (broken) out(`  ${pc.red('✗')} ${broken}\nNext: fix that and save; the check runs again then.`);
    else {
      const report = await checks.run(files);
      if (stopping) return; // cut short by Ctrl+C: no verdict to show
      if (report) {
        const hints = readHints(lesson).length;
        const outcome = formatCheck(report, { lesson, next, file, hints, watching: true });
        passed = outcome.passed;
        if (file === 'exercise') recordCheck(lesson, passed, progress);
        out(outcome.lines.join('\n'));
        if (passed && next)
          out(`Its exercise: pnpm lesson ${next.name} --check --watch (Ctrl+C here first).`);
      } else out(`  ${pc.red('✗')} the checks did not report. Save again to retry.`);
    }
    checked += 1;
    const shown = files.map((f) => relative(root, f)).join(', ');
    out(pc.dim(`Watching ${shown}: save to check again, Ctrl+C to stop.`));
    onChecked?.(passed);
  });

  const unwatch = watchSaves(
    () => relativeImports(entry),
    (changed) => check(`saved ${changed.map((f) => relative(root, f)).join(', ')}`),
  );
  check('started');
  await (options.stop ??
    new Promise<void>((resolveStop) => {
      process.once('SIGINT', () => resolveStop());
      process.once('SIGTERM', () => resolveStop());
    }));
  stopping = true;
  unwatch();
  await checks.close();
  out(pc.dim('Stopped watching.'));
  return 130;
}
