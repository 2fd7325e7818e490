// How long the kit's files and functions are: no file over 250 lines and no function over 60
// (tests aside), so each reads in a screen or a few. Checked by size.test.ts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

export const MAX_FILE_LINES = 250;
export const MAX_FUNCTION_LINES = 60;

export interface Measured {
  file: string;
  name: string;
  lines: number;
}

/** Lines in a file, as `wc -l` counts them. */
export const fileLines = (text: string): number => text.split('\n').length - (text.endsWith('\n') ? 1 : 0);

/** Every function in a source text (declarations, methods, arrows, expressions), with its length in lines. */
export function functionLengths(file: string, text: string): Measured[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: Measured[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const first = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
      const last = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      found.push({ file, name: functionName(node, source), lines: last - first + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function functionName(node: ts.Node, source: ts.SourceFile): string {
  const named = node as { name?: ts.Node };
  if (named.name) return named.name.getText(source);
  const parent = node.parent;
  if (parent && (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent)))
    return parent.name.getText(source);
  const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
  return `(anonymous, line ${line})`;
}

/** Files over the file limit, and functions over the function limit, in `files` under `srcDir`. */
export function overLimits(
  srcDir: string,
  files: readonly string[],
): { files: Measured[]; functions: Measured[] } {
  const longFiles: Measured[] = [];
  const longFunctions: Measured[] = [];
  for (const file of files) {
    const text = readFileSync(join(srcDir, file), 'utf8');
    const lines = fileLines(text);
    if (lines > MAX_FILE_LINES) longFiles.push({ file, name: file, lines });
    longFunctions.push(...functionLengths(file, text).filter((f) => f.lines > MAX_FUNCTION_LINES));
  }
  return { files: longFiles, functions: longFunctions };
}
