// The lesson catalogue is data: each examples/<name>/package.json carries a "lesson" field.
// This file only reads it, so listing lessons never loads the agents framework.
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Lesson {
  /** The folder name, which is what learners type: `pnpm lesson <name>`. */
  name: string;
  title: string;
  order: number;
  /** The hooks and calls the lesson teaches. */
  hooks: string[];
  minutes: number;
  /** What it shows only in a real room (offline mode says so and stops there). */
  needsRoom: boolean;
  dir: string;
}

/** The repository root, found from this file whether it runs from source or from a build. */
export function repoRoot(from = dirname(fileURLToPath(import.meta.url))): string {
  let dir = resolve(from);
  for (;;) {
    try {
      readFileSync(join(dir, 'pnpm-workspace.yaml'));
      return dir;
    } catch {
      const parent = dirname(dir);
      if (parent === dir) throw new Error('cannot find the repository root (pnpm-workspace.yaml)');
      dir = parent;
    }
  }
}

export function readCatalogue(root = repoRoot()): Lesson[] {
  const examples = join(root, 'examples');
  const lessons: Lesson[] = [];
  for (const entry of readdirSync(examples, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const dir = join(examples, entry.name);
    let pkg: { lesson?: Partial<Lesson> };
    try {
      pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    } catch {
      continue;
    }
    const meta = pkg.lesson;
    if (!meta?.title || typeof meta.order !== 'number') continue;
    lessons.push({
      name: entry.name,
      title: meta.title,
      order: meta.order,
      hooks: meta.hooks ?? [],
      minutes: meta.minutes ?? 10,
      needsRoom: meta.needsRoom ?? false,
      dir,
    });
  }
  return lessons.sort((a, b) => a.order - b.order);
}
