import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type ImportGraph, LAYERS, importCycles, importGraph, layerViolations } from './layers.js';

const srcDir = fileURLToPath(new URL('..', import.meta.url));
const graphOf = (edges: Record<string, string[]>): ImportGraph => new Map(Object.entries(edges));

describe('the kit in layers', () => {
  const graph = importGraph(srcDir);

  it('reads the real import graph (type-only and dynamic imports too)', () => {
    expect(graph.get('run/play.ts')).toContain('run/offline-session.ts');
    expect(graph.get('cli/cli.ts')).toContain('run/play.ts');
    expect(graph.get('testing/watch-setup.ts')).toContain('testing/index.ts');
  });

  it('gives every folder of packages/kit/src a layer', () => {
    const folders = readdirSync(srcDir, { withFileTypes: true }).filter((e) => e.isDirectory());
    expect(folders.map((e) => e.name).filter((name) => LAYERS[name] === undefined)).toEqual([]);
  });

  it('has every import pointing to its own layer or a lower one', () => {
    expect(layerViolations(graph)).toEqual([]);
  });

  it('has no import cycle', () => {
    expect(importCycles(graph)).toEqual([]);
  });
});

describe('the layer rule itself', () => {
  it('fails a lower layer importing a higher one', () => {
    const graph = graphOf({ 'term/colors.ts': ['cli/cli.ts'], 'cli/cli.ts': [] });
    expect(layerViolations(graph)).toEqual([
      'term/colors.ts (term, layer 0) imports cli/cli.ts (cli, layer 6)',
    ]);
  });

  it('lets a layer import its own rank and those below it', () => {
    const graph = graphOf({
      'cli/cli.ts': ['web/play-web.ts', 'run/play.ts', 'term/colors.ts'],
      'run/play.ts': [],
    });
    expect(layerViolations(graph)).toEqual([]);
  });

  it('fails a file in a folder the map does not name', () => {
    expect(layerViolations(graphOf({ 'attic/old.ts': [] }))).toEqual([
      'attic/old.ts: its folder attic/ has no layer',
    ]);
  });

  it('finds a cycle, even within one layer and held only by types', () => {
    const graph = graphOf({
      'run/play.ts': ['run/header.ts'],
      'run/header.ts': ['run/prepare.ts'],
      'run/prepare.ts': ['run/play.ts'],
      'term/colors.ts': [],
    });
    expect(importCycles(graph)).toEqual([['run/header.ts', 'run/play.ts', 'run/prepare.ts']]);
  });
});
