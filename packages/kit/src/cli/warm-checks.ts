// The vitest behind `--check --watch`: opened once, and always one run ahead (see WarmChecks).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import type { Vitest } from 'vitest/node';
import type { ExerciseFile } from '../lesson/exercise-files.js';
import type { VitestReport } from './check-report.js';

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

/**
 * One vitest for the whole watch, running the lesson's exercise checks. The next run is started
 * as soon as one ends: its worker loads the framework, then waits in watch-setup.ts until run()
 * says go, so a save pays only for the checks themselves.
 */
export class WarmChecks {
  private report: VitestReport | undefined;
  private next: Promise<void>;
  private first = true;
  private readonly goDir = mkdtempSync(join(tmpdir(), 'lesson-watch-'));
  private vitest!: Vitest;

  private constructor(private readonly testFile: string) {
    this.next = Promise.resolve();
  }

  static async open(root: string, testFile: string, file: ExerciseFile): Promise<WarmChecks> {
    const checks = new WarmChecks(testFile);
    const { createVitest } = await import('vitest/node').catch(() => {
      throw new Error('vitest is not installed here: run pnpm install first.');
    });
    const signals = ['SIGINT', 'SIGTERM'] as const;
    const ours = signals.map((signal) => new Set(process.listeners(signal)));
    checks.vitest = await createVitest('test', {
      root,
      config: false,
      watch: false,
      include: [relative(root, testFile)],
      isolate: false,
      pool: 'forks',
      maxWorkers: 1,
      // Which file the checks import, as for --check; where the warm worker waits for its go.
      env: { LESSON_CHECKED_FILE: file, LESSON_WATCH_GO: checks.goDir },
      setupFiles: [join(root, 'packages/kit/src/testing/watch-setup.ts')],
      reporters: [{ onTestRunEnd: (modules) => void (checks.report = reportOf(modules)) }],
    });
    // vitest's logger exits the process 1 ms after a Ctrl+C, before its worker and our watchers
    // are closed: take its handlers off, and close everything in close().
    signals.forEach((signal, i) => {
      for (const listener of process.listeners(signal)) {
        if (!ours[i]!.has(listener)) process.off(signal, listener);
      }
    });
    checks.next = checks.start();
    return checks;
  }

  private async start() {
    const { vitest, testFile } = this;
    if (this.first) await vitest.start([testFile]);
    else await vitest.rerunTestSpecifications(await vitest.getRelevantTestSpecifications([testFile]));
    this.first = false;
  }

  /** Check `changed` files as they are now; undefined if the run did not report. */
  async run(changed: string[]): Promise<VitestReport | undefined> {
    for (const file of changed) this.vitest.invalidateFile(file);
    this.report = undefined;
    writeFileSync(join(this.goDir, 'go'), '');
    await this.next;
    const report = this.report;
    this.next = this.start();
    return report;
  }

  async close() {
    writeFileSync(join(this.goDir, 'stop'), ''); // the warm worker ends its run at once
    // A Ctrl+C on a terminal reaches vitest's worker too, and then close() can wait for a worker
    // that is already gone: give it two seconds, not forever.
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise((resolve) => (timer = setTimeout(resolve, 2000)));
    await Promise.race([this.vitest.close(), late]);
    clearTimeout(timer);
    rmSync(this.goDir, { recursive: true, force: true });
  }
}
