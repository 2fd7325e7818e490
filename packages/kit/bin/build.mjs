// Compile the kit and every lesson to JavaScript with esbuild, once per change of the sources.
// Builds land in a folder named after the sources' state, written whole and then renamed into
// place, so parallel runs (tests, a class of laptops sharing a checkout) never read half a build.
import { createHash } from 'node:crypto';
import {
  accessSync,
  constants,
  existsSync,
  mkdirSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const kitDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const root = resolve(kitDir, '../..');
const defaultBuildRoot = join(kitDir, '.build');

function sources() {
  /** @type {string[]} */
  const files = [];
  /** @param {string} dir */
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) files.push(path);
    }
  };
  walk(join(kitDir, 'src'));
  for (const lesson of readdirSync(join(root, 'examples'))) {
    const src = join(root, 'examples', lesson, 'src');
    if (existsSync(src)) walk(src);
  }
  return files.sort();
}

/**
 * The build folder must be writable (a read-only checkout, a folder of another user's): one line
 * that says so and what to do, not esbuild's error for every file it could not write.
 *
 * @param {string} dir
 */
function ensureWritable(dir) {
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
  } catch (error) {
    throw Object.assign(
      new Error(
        `cannot write ${dir.startsWith(root) ? relative(root, dir) : dir} (${/** @type {NodeJS.ErrnoException} */ (error).code}), where pnpm lesson compiles the lessons. ` +
          'Make it writable, or use a copy of the repository in a folder you can write to.',
      ),
      { code: 'LESSON_BUILD_UNWRITABLE' },
    );
  }
}

export async function build({ buildRoot = defaultBuildRoot } = {}) {
  const files = sources();
  const hash = createHash('sha1');
  for (const file of files) {
    const { mtimeMs, size } = statSync(file);
    hash.update(`${relative(root, file)}:${mtimeMs}:${size}\n`);
  }
  const key = hash.digest('hex').slice(0, 12);
  const outdir = join(buildRoot, key);
  if (existsSync(outdir)) {
    markInUse(outdir);
    return { outdir, built: false };
  }

  ensureWritable(buildRoot);
  const { build: esbuild } = await import('esbuild');
  const tmp = join(buildRoot, `tmp-${process.pid}-${Date.now()}`);
  /** @satisfies {import('esbuild').BuildOptions} */
  const options = {
    entryPoints: files.filter((f) => !f.includes(`${join('src', 'testing')}`)),
    outbase: root,
    outdir: tmp,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: 'inline',
    logLevel: 'silent',
    // Dependencies load from node_modules as they are; only our own sources are compiled.
    plugins: [
      {
        name: 'external-packages',
        setup(b) {
          b.onResolve({ filter: /^[^./]/ }, (args) =>
            args.path.startsWith('@lessons/') ? undefined : { path: args.path, external: true },
          );
        },
      },
    ],
  };
  try {
    await esbuild(options);
  } catch (caught) {
    const error = /** @type {import('esbuild').BuildFailure} */ (caught);
    // A learner's half-edited exercise must not stop every other lesson: build without the
    // exercises that do not compile, and keep their errors for --exercise and --check to show.
    const broken = [...new Set((error.errors ?? []).map((e) => e.location?.file))];
    if (!broken.length || !broken.every((file) => /^examples\/[^/]+\/src\/exercise\.ts$/.test(file ?? ''))) {
      throw error;
    }
    await esbuild({
      ...options,
      entryPoints: options.entryPoints.filter((f) => !broken.includes(relative(root, f))),
    });
    writeFileSync(
      join(tmp, 'broken.json'),
      JSON.stringify(error.errors.map(({ text, location }) => ({ text, location }))),
    );
  }
  try {
    renameSync(tmp, outdir);
  } catch {
    rmSync(tmp, { recursive: true, force: true }); // another run got there first
  }
  markInUse(outdir);
  removeUnusedBuilds(buildRoot, key);
  return { outdir, built: true };
}

/** A build is in use while a lesson runs from it: its folder's time says when it was last used. */
const UNUSED_FOR_MS = 6 * 3600_000;

/**
 * Mark a build as used now, and again every hour while this process runs (a live-mode worker may
 * run all day): clean-up by another run never deletes a build a running lesson loads from.
 *
 * @param {string} outdir
 */
export function markInUse(outdir) {
  const touch = () => {
    try {
      utimesSync(outdir, new Date(), new Date());
    } catch {
      // removed by hand: nothing to keep
    }
  };
  touch();
  setInterval(touch, 3600_000).unref();
}

/**
 * Remove builds (and half-written ones of interrupted runs) unused for hours. Parallel runs do this
 * at once: an entry another run has just renamed or removed is simply gone, not an error.
 *
 * @param {string} root the folder of builds
 * @param {string} keep the build this run uses
 */
export function removeUnusedBuilds(root, keep, now = Date.now(), names = readdirSync(root)) {
  for (const name of names) {
    if (name === keep) continue;
    const path = join(root, name);
    try {
      if (now - statSync(path).mtimeMs > UNUSED_FOR_MS) rmSync(path, { recursive: true, force: true });
    } catch {
      // gone already
    }
  }
}
