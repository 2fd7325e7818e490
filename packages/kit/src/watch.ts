// `pnpm lesson <name> --check --watch`: check the exercise, then again on every save of it (or of a
// file it imports), redrawing the result each time. One vitest stays open for the whole session,
// so a re-check skips vitest's own start (a fresh `--check` process costs ~0.6 s more a save).
import { type FSWatcher, existsSync, readFileSync, watch } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import type { Vitest } from 'vitest/node';
import { type Lesson, repoRoot } from './catalogue.js';
import { pc } from './colors.js';
import { type ExerciseFile, type VitestReport, formatCheck } from './exercise.js';
import { readHints } from './hints.js';
import { progressFile, recordCheck, sha1Of } from './progress.js';

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

/** What vitest's node API hands a reporter, in the shape --check's JSON report has. */
interface TestModuleLike {
  moduleId: string;
  state(): string;
  errors(): readonly { message: string }[];
  children: {
    allTests(): Iterable<{
      name: string;
      result(): { state: string; errors?: readonly { message: string }[] };
    }>;
  };
}

export function reportOf(modules: readonly TestModuleLike[]): VitestReport {
  return {
    testResults: modules.map((m) => ({
      name: m.moduleId,
      status: m.state(),
      message: stripVTControlCharacters(m.errors()[0]?.message ?? ''),
      assertionResults: [...m.children.allTests()].map((t) => ({
        title: t.name,
        status: t.result().state,
        failureMessages: (t.result().errors ?? []).map((e) => e.message),
      })),
    })),
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
  const testFile = join(lesson.dir, 'src', 'exercise.test.ts');
  const out = (text: string) => process.stdout.write(text + '\n');
  const { createVitest } = await import('vitest/node');
  let report: VitestReport | undefined;
  const signals = ['SIGINT', 'SIGTERM'] as const;
  const ours = signals.map((signal) => new Set(process.listeners(signal)));
  const vitest: Vitest = await createVitest('test', {
    root,
    config: false,
    watch: false,
    include: [relative(root, testFile)],
    isolate: false,
    pool: 'forks',
    maxWorkers: 1,
    // Which file the checks import, as for --check.
    env: { LESSON_EXERCISE: file },
    reporters: [{ onTestRunEnd: (modules) => void (report = reportOf(modules)) }],
  });
  // vitest's logger exits the process 1 ms after a Ctrl+C, before its workers and our watchers
  // are closed: take its handlers off and close everything ourselves below.
  signals.forEach((signal, i) => {
    for (const listener of process.listeners(signal)) {
      if (!ours[i]!.has(listener)) process.off(signal, listener);
    }
  });

  let files = relativeImports(entry);
  let seen = new Map(files.map((f) => [f, sha1Of(f)]));
  let started = false;
  const checkOnce = async (why: string) => {
    files = relativeImports(entry);
    const shown = files.map((f) => relative(root, f));
    if (process.stdout.isTTY)
      process.stdout.write('\x1b[2J\x1b[H'); // a fresh screen a check
    else if (started) out(pc.dim('─'.repeat(60)));
    out(`Checking ${pc.bold(path)} ${pc.dim(`(${why})`)}…`);
    const broken = await syntaxError(files, root);
    let passed: boolean | undefined;
    if (broken) {
      out(`  ${pc.red('✗')} ${broken}`);
      out(`Next: fix that and save; the check runs again then.`);
    } else {
      for (const f of files) vitest.invalidateFile(f);
      report = undefined;
      if (started)
        await vitest.rerunTestSpecifications(await vitest.getRelevantTestSpecifications([testFile]));
      else await vitest.start([testFile]);
      started = true;
      if (report) {
        const outcome = formatCheck(report, {
          lesson,
          next,
          file,
          hints: readHints(lesson).length,
          watching: true,
        });
        passed = outcome.passed;
        if (file === 'exercise') recordCheck(lesson, passed, progress);
        out(outcome.lines.join('\n'));
        if (passed && next)
          out(`Its exercise: pnpm lesson ${next.name} --check --watch (Ctrl+C here first).`);
      } else out(`  ${pc.red('✗')} the checks did not report. Save again to retry.`);
    }
    started = true;
    out(pc.dim(`Watching ${shown.join(', ')}: save to check again, Ctrl+C to stop.`));
    onChecked?.(passed);
  };

  // One check at a time; saves during a check make one more check after it.
  let running: Promise<void> | undefined;
  let again: string | undefined;
  const request = (why: string) => {
    if (running) return void (again = why);
    running = (async () => {
      for (let reason: string | undefined = why; reason; reason = again) {
        again = undefined;
        await checkOnce(reason);
      }
    })().finally(() => (running = undefined));
  };

  // Watch the folders, not the files: an editor that saves by renaming a new file into place
  // would leave a watch on the old file seeing nothing more.
  const watchers: FSWatcher[] = [];
  let debounce: NodeJS.Timeout | undefined;
  const onEvent = () => {
    clearTimeout(debounce);
    debounce = setTimeout(() => {
      const changed = files.filter((f) => sha1Of(f) !== seen.get(f));
      seen = new Map(files.map((f) => [f, sha1Of(f)]));
      if (changed.length) request(`saved ${changed.map((f) => relative(root, f)).join(', ')}`);
    }, 30);
  };
  for (const dir of new Set(files.map((f) => dirname(f)))) watchers.push(watch(dir, onEvent));

  request('started');
  const stop =
    options.stop ??
    new Promise<void>((resolveStop) => {
      process.once('SIGINT', () => resolveStop());
      process.once('SIGTERM', () => resolveStop());
    });
  await stop;
  clearTimeout(debounce);
  for (const w of watchers) w.close();
  await vitest.close();
  out(pc.dim('Stopped watching.'));
  return 130;
}
