// @ts-check
// The benches' results as a plain-text table, one row a line.

/**
 * Rows as aligned columns: each column as wide as its widest cell, two spaces between columns,
 * no blanks at the end of a line.
 *
 * @param {string[][]} rows
 * @returns {string}
 */
export function formatTable(rows) {
  const columns = Math.max(0, ...rows.map((row) => row.length));
  const widths = Array.from({ length: columns }, (_, i) =>
    Math.max(...rows.map((row) => (row[i] ?? '').length)),
  );
  return rows
    .map((row) =>
      row
        .map((cell, i) => cell.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
