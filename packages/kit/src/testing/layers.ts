// The kit's layers, kept true by a test (layers.test.ts): each folder of packages/kit/src has a
// rank, and a file may import only from its own rank or a lower one, so the house reads from the
// bottom up and a change low down never waits on a change above it. No import cycle at all.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

/** Folder of packages/kit/src → rank. A folder may import its own rank and those below it. */
export const LAYERS: Record<string, number> = {
  term: 0, // the terminal and the process: colours, printable text, signals, the chat prompt
  trace: 1, // the event stream, its two views (transcript, JSON), hook and tool tracing
  lesson: 2, // a lesson as data: catalogue, script, progress, the mode (two choices)
  render: 2, // pictures of an event stream (the timeline): pure, runs in Node and in a browser
  standin: 3, // the stand-ins: the scripted model, the typed-line STT, paced output, silence
  voice: 3, // the stand-in's spoken voice (Flite in a child process)
  room: 4, // where the room is: a livekit-server (found, built, started), a worker, the job, the learner
  workshop: 4, // a learner on a shared server: the id, the desk that claims it, the server and its status
  run: 5, // playing a lesson: offline or in a room, the header, what a mode needs first
  closing: 5, // the closing-table measurement (a harness of its own, on the room tools)
  cli: 6, // `pnpm lesson` and `pnpm run doctor`: arguments, the catalogue, exercises, checks
  web: 6, // the playground (--web): its server and the mode that serves it
  testing: 7, // what tests share (@lessons/kit/testing), vitest set-ups, test servers
  '.': 8, // index.ts: what a lesson imports (@lessons/kit)
};

/** The kit's own package names, as a file inside the kit might import them. */
const PACKAGE_ENTRIES: Record<string, string> = {
  '@lessons/kit': 'index.ts',
  '@lessons/kit/testing': 'testing/index.ts',
};

export type ImportGraph = Map<string, string[]>;

/** Every non-test .ts file under `srcDir` (paths relative to it, with /), and what it imports in the kit. */
export function importGraph(srcDir: string): ImportGraph {
  const graph: ImportGraph = new Map();
  for (const file of sourceFiles(srcDir)) {
    const text = readFileSync(join(srcDir, file), 'utf8');
    const { importedFiles } = ts.preProcessFile(text, true, true);
    const targets = importedFiles
      .map(({ fileName }) => resolveSpecifier(srcDir, file, fileName))
      .filter((target): target is string => target !== undefined);
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

export function sourceFiles(srcDir: string, keep = (name: string) => !name.endsWith('.test.ts')): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts') && keep(entry.name))
        files.push(relative(srcDir, path).split(sep).join('/'));
    }
  };
  walk(srcDir);
  return files.sort();
}

/** A specifier as a kit file (relative to src), or undefined when it points outside the kit's sources. */
function resolveSpecifier(srcDir: string, from: string, specifier: string): string | undefined {
  if (PACKAGE_ENTRIES[specifier]) return PACKAGE_ENTRIES[specifier];
  if (!specifier.startsWith('.')) return undefined;
  const target = relative(srcDir, resolve(srcDir, dirname(from), specifier))
    .split(sep)
    .join('/');
  if (target.startsWith('..')) return undefined;
  return target.replace(/\.m?js$/, '.ts');
}

export const layerOf = (file: string): string => (file.includes('/') ? file.split('/')[0]! : '.');

/** Each import that points to a higher layer, or from or to a folder the map does not name. */
export function layerViolations(graph: ImportGraph, layers: Record<string, number> = LAYERS): string[] {
  const found: string[] = [];
  for (const [from, targets] of graph) {
    const fromRank = layers[layerOf(from)];
    if (fromRank === undefined) found.push(`${from}: its folder ${layerOf(from)}/ has no layer`);
    for (const to of targets) {
      const toRank = layers[layerOf(to)];
      if (toRank === undefined || fromRank === undefined) continue;
      if (toRank > fromRank) {
        found.push(
          `${from} (${layerOf(from)}, layer ${fromRank}) imports ${to} (${layerOf(to)}, layer ${toRank})`,
        );
      }
    }
  }
  return found;
}

/** The import cycles: each set of files that import each other, in a chain back to themselves. */
export function importCycles(graph: ImportGraph): string[][] {
  // Tarjan's strongly connected components; a component of two or more files is a cycle.
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (file: string) => {
    index.set(file, index.size);
    low.set(file, index.get(file)!);
    stack.push(file);
    onStack.add(file);
    for (const to of graph.get(file) ?? []) {
      if (!index.has(to)) {
        visit(to);
        low.set(file, Math.min(low.get(file)!, low.get(to)!));
      } else if (onStack.has(to)) low.set(file, Math.min(low.get(file)!, index.get(to)!));
    }
    if (low.get(file) !== index.get(file)) return;
    const component: string[] = [];
    let top: string;
    do {
      top = stack.pop()!;
      onStack.delete(top);
      component.push(top);
    } while (top !== file);
    if (component.length > 1 || graph.get(file)?.includes(file)) cycles.push(component.sort());
  };
  for (const file of graph.keys()) if (!index.has(file)) visit(file);
  return cycles;
}
