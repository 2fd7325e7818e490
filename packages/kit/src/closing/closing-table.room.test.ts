// The closing table in docs/closing-table.md is what the rooms do: measure every way again and
// compare, cell by cell. A cell edited by hand, or a framework that changed, fails here; the fix
// is `pnpm docs:closing-table`, which rewrites the table from new runs.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { repoRoot } from '../lesson/catalogue.js';
import { PAGE, cellsOf, tableOf } from '../../../../scripts/closing-table.mjs';
import type * as Measure from './measure.js';

const server = inject('livekitServer');
const describeRoom = server ? describe : describe.skip;

describeRoom('the closing table', () => {
  it('matches a fresh measurement in real rooms, cell by cell', { timeout: 300_000 }, async () => {
    const build = inject('lessonsBuild');
    // The compiled measurement: its job processes load the compiled probe beside it.
    const { measureClosingTable, closingTableMarkdown } = (await import(
      `${build}/packages/kit/src/closing/measure.mjs`
    )) as typeof Measure;
    const measured = closingTableMarkdown(await measureClosingTable(server!, build));
    const page = readFileSync(PAGE as string, 'utf8');
    const cells = cellsOf as (table: string) => string[][];
    expect(
      cells((tableOf as (page: string) => string)(page)),
      `docs/closing-table.md disagrees with the rooms (in ${join(repoRoot(), 'docs')}): run pnpm docs:closing-table`,
    ).toEqual(cells(measured));
  });
});
