#!/usr/bin/env node
// @ts-check
// Each lesson's text lives once, in docs/lessons/<name>.md, where code blocks are VitePress snippet
// imports of `// #region` parts of the tested lesson files. This script turns those pages into the
// lessons' READMEs (examples/<name>/README.md) by cutting the same regions out of the same files,
// so the docs site and the READMEs show the code that the tests run.
//
//   node scripts/readmes.mjs           write the READMEs
//   node scripts/readmes.mjs --check   write nothing; exit 1 naming every README that is out of date
//
// Plain Node, no dependencies. The functions are exported for scripts/docs-drift.test.ts.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file lives in <root>/scripts). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Where the lesson pages are, relative to the repository root. */
export const lessonsDir = 'docs/lessons';

/** VitePress's `@` in a snippet path is its source directory, which is docs/. */
const docsDir = 'docs';

/** What the command that regenerates the READMEs is called (a root package.json script). */
export const regenerateCommand = 'pnpm docs:readmes';

// A snippet import on a line of its own: `<<< @/path#region`, optionally followed by VitePress's
// `{line highlights}` and `[title]`, which the READMEs ignore. (Not a JSDoc comment: it would read
// `@/path` as a tag.)
const SNIPPET = /^ {0,3}<<<\s*(\S+?)(?:#([^\s{[]+))?(?:\s+\{[^}]*\})?(?:\s+\[[^\]]*\])?\s*$/;

/** A region marker in a TypeScript or JavaScript file: `// #region name`, `// #endregion name`. */
const MARKER = /^\s*\/\/\s*#(region|endregion)\b[ \t]*(.*?)\s*$/;

/** A code fence opening or closing: three or more backticks or tildes. */
const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/** @param {string} p */
const toPosix = (p) => p.split(path.sep).join('/');
/** @param {string} text */
const normalize = (text) => text.replace(/\r\n?/g, '\n');

/**
 * The snippet imports in a page, with their 1-based line numbers. Lines inside fenced code blocks
 * are text, not imports (VitePress does not expand them either), so they are skipped.
 *
 * @param {string} pageText
 * @returns {{ line: number, text: string, target: string, file: string | undefined, region: string | undefined }[]}
 *   `target` is the path as written (`@/../examples/x/src/agent.ts`); `file` is that path relative
 *   to the repository root (`examples/x/src/agent.ts`), undefined when it does not start with `@/`.
 */
export function findSnippetRefs(pageText) {
  /** @type {ReturnType<typeof findSnippetRefs>} */
  const refs = [];
  forEachLine(pageText, (text, index, inFence) => {
    if (inFence) return;
    const match = SNIPPET.exec(text);
    if (!match) return;
    const [, target = '', region] = match; // the first group is in every match
    const file = target.startsWith('@/') ? toPosix(path.posix.join(docsDir, target.slice(2))) : undefined;
    refs.push({ line: index + 1, text, target, file, region });
  });
  return refs;
}

/**
 * Visit each line of a page (line endings normalised), saying whether it is inside a code fence
 * or is a fence line itself: snippet imports there are text, not imports.
 *
 * @param {string} pageText
 * @param {(text: string, index: number, inFence: boolean) => void} visit
 */
function forEachLine(pageText, visit) {
  /** @type {string | undefined} the marks that opened the fence we are in */
  let fence;
  normalize(pageText)
    .split('\n')
    .forEach((text, index) => {
      const fenceMarks = FENCE.exec(text)?.[1];
      if (fence) {
        if (fenceMarks && fenceMarks[0] === fence[0] && fenceMarks.length >= fence.length) fence = undefined;
        visit(text, index, true);
      } else if (fenceMarks) {
        fence = fenceMarks;
        visit(text, index, true);
      } else visit(text, index, false);
    });
}

/**
 * The regions marked in a file, in order, with 1-based line numbers of their markers.
 * `end` is undefined for a region that is never closed.
 *
 * @param {string} fileText
 * @returns {{ name: string, start: number, end: number | undefined }[]}
 */
export function listRegions(fileText) {
  /** @type {ReturnType<typeof listRegions>} */
  const regions = [];
  /** @type {Map<string, ReturnType<typeof listRegions>[number]>} */
  const open = new Map();
  normalize(fileText)
    .split('\n')
    .forEach((text, index) => {
      const match = MARKER.exec(text);
      if (!match || !match[2]) return;
      const [, kind, name] = match;
      const opened = open.get(name);
      if (kind === 'region') {
        /** @type {ReturnType<typeof listRegions>[number]} */
        const region = { name, start: index + 1, end: undefined };
        regions.push(region);
        if (!opened) open.set(name, region);
      } else if (opened) {
        opened.end = index + 1;
        open.delete(name);
      }
    });
  return regions;
}

/**
 * Remove the indentation every non-blank line shares; blank lines become empty.
 *
 * @param {string[]} lines
 */
function dedent(lines) {
  const indents = lines
    .filter((line) => line.trim() !== '')
    .map((line) => (/^[ \t]*/.exec(line)?.[0] ?? '').length);
  const cut = indents.length ? Math.min(...indents) : 0;
  return lines.map((line) => (line.trim() === '' ? '' : line.slice(cut)));
}

/**
 * The lines of one region, without its own markers and without the markers of regions nested in
 * it, dedented (as VitePress shows them). Undefined when the file has no such region.
 *
 * @param {string} fileText
 * @param {string} region
 * @returns {string | undefined}
 * @throws when the region is opened but never closed
 */
export function extractRegion(fileText, region) {
  const found = listRegions(fileText).find((r) => r.name === region);
  if (!found) return undefined;
  if (found.end === undefined) {
    throw new Error(`region "${region}" opened on line ${found.start} has no "// #endregion ${region}"`);
  }
  const lines = normalize(fileText)
    .split('\n')
    .slice(found.start, found.end - 1)
    .filter((line) => !MARKER.test(line));
  while (lines.length && lines[0]?.trim() === '') lines.shift();
  while (lines.length && lines.at(-1)?.trim() === '') lines.pop();
  return dedent(lines).join('\n');
}

/**
 * The language of a fenced block for a file: its extension, as VitePress would label it.
 *
 * @param {string} file
 */
function fenceLanguage(file) {
  const ext = path.extname(file).slice(1);
  /** @type {Record<string, string>} */
  const languages = { mts: 'ts', cts: 'ts', mjs: 'js', cjs: 'js' };
  return languages[ext] ?? ext;
}

/**
 * A fence long enough for the code inside it.
 *
 * @param {string} code
 */
function fenceFor(code) {
  const longest = Math.max(2, ...(code.match(/`+/g) ?? []).map((run) => run.length));
  return '`'.repeat(longest + 1);
}

/**
 * Check the snippet imports of one page: the file exists (inside the repository) and the region is
 * in it. Every problem names the page and line.
 *
 * @param {string} pageText
 * @param {string} root the repository root
 * @param {{ page?: string, readFile?: (file: string) => string | undefined }} [options]
 *   `page`: the page's path for messages; `readFile`: read a repo-relative file (undefined if absent).
 * @returns {{ refs: ReturnType<typeof findSnippetRefs>, errors: string[], regions: Map<number, { code: string, file: string }> }}
 *   `regions`: the code of each valid import and its file, by the import's line number.
 */
export function checkPage(pageText, root, { page = '(page)', readFile = readRepoFile(root) } = {}) {
  const refs = findSnippetRefs(pageText);
  const errors = [];
  const regions = new Map();
  for (const ref of refs) {
    const where = `${page}:${ref.line}`;
    if (!ref.file) {
      errors.push(`${where}: snippet "${ref.target}" must start with @/ (the docs/ directory)`);
      continue;
    }
    if (ref.file.startsWith('../') || path.isAbsolute(ref.file)) {
      errors.push(`${where}: snippet file ${ref.file} is outside the repository`);
      continue;
    }
    if (!ref.region) {
      errors.push(`${where}: snippet ${ref.file} names no region: add #<region> (a whole file is not shown)`);
      continue;
    }
    const fileText = readFile(ref.file);
    if (fileText === undefined) {
      errors.push(`${where}: file ${ref.file} does not exist (snippet ${ref.file}#${ref.region})`);
      continue;
    }
    let code;
    try {
      code = extractRegion(fileText, ref.region);
    } catch (error) {
      errors.push(`${where}: in ${ref.file}, ${/** @type {Error} */ (error).message}`);
      continue;
    }
    if (code === undefined) {
      const names = [...new Set(listRegions(fileText).map((r) => r.name))];
      errors.push(
        `${where}: region "${ref.region}" is not in ${ref.file} ` +
          `(regions there: ${names.length ? names.join(', ') : 'none'})`,
      );
      continue;
    }
    regions.set(ref.line, { code, file: ref.file });
  }
  return { refs, errors, regions };
}

/**
 * A reader of repo-relative files that returns undefined for a missing file.
 *
 * @param {string} root
 * @returns {(file: string) => string | undefined}
 */
export function readRepoFile(root) {
  return (file) => {
    const full = path.join(root, file);
    return existsSync(full) && statSync(full).isFile() ? readFileSync(full, 'utf8') : undefined;
  };
}

/**
 * The comment every generated README starts with.
 *
 * @param {string} page
 */
export function generatedNotice(page) {
  return `<!-- Generated from ${page} by scripts/readmes.mjs: edit that file, then run ${regenerateCommand}. -->`;
}

/**
 * A lesson page as its README: every snippet import replaced by a fenced block holding the
 * region's code, links to sibling lesson pages (`./other.md`) pointed at the sibling READMEs, and
 * the generated-file notice first.
 *
 * @param {string} pageText
 * @param {string} root the repository root
 * @param {{ page?: string, readFile?: (file: string) => string | undefined, lessons?: string[] }} [options]
 *   `page`: the page's repo-relative path (`docs/lessons/greeting.md`), for the notice and errors;
 *   `lessons`: lesson names whose pages may be linked as `./<name>.md`.
 * @returns {string}
 * @throws an Error listing every bad snippet (page, line, and the missing file or region)
 */
export function renderReadme(pageText, root, { page = '(page)', readFile, lessons = [] } = {}) {
  const { errors, regions } = checkPage(pageText, root, { page, readFile });
  if (errors.length) throw new Error(errors.join('\n'));

  const lessonLink = new RegExp(
    `\\]\\((?:\\./)?(${lessons.map(escapeRegExp).join('|') || '(?!)'})\\.md(#[^)]*)?\\)`,
    'g',
  );
  /** @type {string[]} */
  const out = [];
  forEachLine(pageText, (text, index, inFence) => {
    if (inFence) {
      out.push(text);
      return;
    }
    const snippet = regions.get(index + 1);
    if (snippet) {
      const marks = fenceFor(snippet.code);
      out.push(`${marks}${fenceLanguage(snippet.file)}`, snippet.code, marks);
      return;
    }
    out.push(text.replace(lessonLink, (_, name, anchor = '') => `](../${name}/README.md${anchor})`));
  });

  const body = stripFrontmatter(out.join('\n')).replace(/^\n+/, '').replace(/\n*$/, '\n');
  return `${generatedNotice(page)}\n\n${body}`;
}

/**
 * VitePress front matter means nothing in a README.
 *
 * @param {string} text
 */
function stripFrontmatter(text) {
  return text.replace(/^---\n[\s\S]*?\n---\n/, '');
}

/** @param {string} text */
function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Every lesson page and the README it generates: docs/lessons/<name>.md -> examples/<name>/README.md.
 * `index.md` is the section's own page, not a lesson.
 *
 * @param {string} root
 * @returns {{ name: string, page: string, readme: string, exampleExists: boolean }[]}
 */
export function lessonPages(root) {
  const dir = path.join(root, lessonsDir);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((file) => file.endsWith('.md') && file !== 'index.md')
    .sort()
    .map((file) => {
      const name = file.slice(0, -'.md'.length);
      return {
        name,
        page: `${lessonsDir}/${file}`,
        readme: `examples/${name}/README.md`,
        exampleExists: existsSync(path.join(root, 'examples', name)),
      };
    });
}

/**
 * What each README should be, and whether it is. Problems with pages (bad snippets, a page with no
 * lesson to go with it) come back as `errors`, each naming the page.
 *
 * @param {string} root
 * @returns {{ readmes: { page: string, readme: string, expected: string, upToDate: boolean }[], errors: string[] }}
 */
export function planReadmes(root) {
  const pages = lessonPages(root);
  const lessons = pages.filter((p) => p.exampleExists).map((p) => p.name);
  const readmes = [];
  const errors = [];
  for (const { page, readme, exampleExists } of pages) {
    if (!exampleExists) {
      errors.push(
        `${page}: there is no lesson examples/${page.slice(lessonsDir.length + 1, -3)}/ for this page`,
      );
      continue;
    }
    let expected;
    try {
      expected = renderReadme(readFileSync(path.join(root, page), 'utf8'), root, { page, lessons });
    } catch (error) {
      errors.push(/** @type {Error} */ (error).message);
      continue;
    }
    const current = readRepoFile(root)(readme);
    readmes.push({
      page,
      readme,
      expected,
      upToDate: current !== undefined && normalize(current) === expected,
    });
  }
  return { readmes, errors };
}

// The drift checks (scripts/docs-drift.test.ts): pages, regions and READMEs in step.

/** Directories under docs/ that hold no pages of ours. */
const SKIP_DIRS = new Set(['node_modules', 'cache', 'dist']);

/**
 * Every markdown page under docs/, recursively, as repo-relative paths.
 *
 * @param {string} root
 * @returns {string[]}
 */
export function listDocsPages(root) {
  /** @type {string[]} */
  const pages = [];
  /** @param {string} dir */
  const walk = (dir) => {
    const full = path.join(root, dir);
    if (!existsSync(full)) return;
    for (const entry of readdirSync(full, { withFileTypes: true })) {
      const rel = `${dir}/${entry.name}`;
      if (entry.isDirectory()) {
        if (!SKIP_DIRS.has(entry.name)) walk(rel);
      } else if (entry.name.endsWith('.md')) {
        pages.push(rel);
      }
    }
  };
  walk(docsDir);
  return pages.sort();
}

/**
 * Check the snippet imports of every page under docs/.
 *
 * @param {string} root
 * @returns {{ refs: { page: string, line: number, file: string, region: string }[], errors: string[] }}
 *   `refs`: every import that names a file and a region, valid or not.
 */
export function checkSnippets(root) {
  const refs = [];
  const errors = [];
  for (const page of listDocsPages(root)) {
    const result = checkPage(readFileSync(path.join(root, page), 'utf8'), root, { page });
    errors.push(...result.errors);
    for (const ref of result.refs) {
      if (ref.file && ref.region) refs.push({ page, line: ref.line, file: ref.file, region: ref.region });
    }
  }
  return { refs, errors };
}

/**
 * The files whose regions the docs must show: every lesson's agent and entry,
 * examples/<name>/src/agent.ts and main.ts.
 *
 * @param {string} root
 * @returns {string[]}
 */
export function lessonAgentFiles(root) {
  const examples = path.join(root, 'examples');
  if (!existsSync(examples)) return [];
  return readdirSync(examples, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((entry) => ['agent.ts', 'main.ts'].map((file) => `examples/${entry.name}/src/${file}`))
    .filter((file) => existsSync(path.join(root, file)))
    .sort();
}

/**
 * Every region marked in a lesson's agent.ts must be shown by some page under docs/, and be well
 * formed (closed, and its name used once).
 *
 * @param {string} root
 * @param {{ file: string, region: string }[]} refs the pages' snippet imports (from checkSnippets)
 * @returns {string[]} errors, each naming the file, the line and the region
 */
export function checkRegionsShown(root, refs) {
  const shown = new Set(refs.map((ref) => `${ref.file}#${ref.region}`));
  const errors = [];
  for (const file of lessonAgentFiles(root)) {
    const seen = new Map();
    for (const region of listRegions(readFileSync(path.join(root, file), 'utf8'))) {
      const where = `${file}:${region.start}`;
      if (seen.has(region.name)) {
        errors.push(
          `${where}: region "${region.name}" is marked again (first on line ${seen.get(region.name)}); ` +
            'VitePress shows only the first: rename one',
        );
        continue;
      }
      seen.set(region.name, region.start);
      if (region.end === undefined) {
        errors.push(`${where}: region "${region.name}" has no "// #endregion ${region.name}"`);
      } else if (!shown.has(`${file}#${region.name}`)) {
        errors.push(
          `${where}: region "${region.name}" is not shown by any page under docs/: ` +
            `add <<< @/../${file}#${region.name} to a page, or remove the region's markers`,
        );
      }
    }
  }
  return errors;
}

/**
 * The READMEs generated from docs/lessons must match those pages.
 *
 * @param {string} root
 * @returns {string[]} errors: page problems, and each README that is missing or out of date
 */
export function checkReadmesUpToDate(root) {
  const { readmes, errors } = planReadmes(root);
  for (const { readme, page, upToDate } of readmes) {
    if (!upToDate) {
      errors.push(
        `${readme} is out of date with ${page}: run ${regenerateCommand} (node scripts/readmes.mjs)`,
      );
    }
  }
  return errors;
}

/** @param {string[]} argv */
function main(argv) {
  const args = argv.slice(2);
  const unknown = args.filter((arg) => arg !== '--check');
  if (unknown.length) {
    console.error(`error: unknown argument ${unknown[0]}. Usage: node scripts/readmes.mjs [--check]`);
    return 2;
  }
  const check = args.includes('--check');
  const { readmes, errors } = planReadmes(repoRoot);
  if (errors.length) {
    for (const error of errors) console.error(`error: ${error}`);
    return 1;
  }
  if (readmes.length === 0) {
    console.error(`error: no lesson pages in ${lessonsDir}/`);
    return 1;
  }
  const stale = readmes.filter((r) => !r.upToDate);
  if (check) {
    for (const { readme, page } of stale) console.error(`${readme} is out of date with ${page}`);
    if (stale.length) {
      console.error(`Run ${regenerateCommand} (node scripts/readmes.mjs) and commit the result.`);
      return 1;
    }
    console.log(`${readmes.length} READMEs up to date.`);
    return 0;
  }
  for (const { readme, expected } of stale) {
    writeFileSync(path.join(repoRoot, readme), expected);
    console.log(`wrote ${readme}`);
  }
  console.log(
    `${readmes.length} READMEs, ${stale.length} written, ${readmes.length - stale.length} already up to date.`,
  );
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv);
}
