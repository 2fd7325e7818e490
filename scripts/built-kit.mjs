// @ts-check
// The kit's modules as packages/kit/bin/build.mjs compiled them (what `pnpm lesson` runs), for the
// scripts: node imports the built JavaScript, with no TypeScript loader, and tsc types each module
// from its TypeScript source. A module a script needs is added to KitModules below.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * @typedef {{
 *   'closing/measure': typeof import('../packages/kit/src/closing/measure.js'),
 *   'render/timeline/timeline': typeof import('../packages/kit/src/render/timeline/timeline.js'),
 *   'room/free-port': typeof import('../packages/kit/src/room/free-port.js'),
 *   'room/quiet-rtc-log': typeof import('../packages/kit/src/room/quiet-rtc-log.js'),
 *   'room/room-lesson': typeof import('../packages/kit/src/room/room-lesson.js'),
 *   'room/server': typeof import('../packages/kit/src/room/server.js'),
 *   'term/colors': typeof import('../packages/kit/src/term/colors.js'),
 *   'voice/stand-in-voice': typeof import('../packages/kit/src/voice/stand-in-voice.js'),
 *   'web/playground-server': typeof import('../packages/kit/src/web/playground-server.js'),
 *   'workshop/learner-id': typeof import('../packages/kit/src/workshop/learner-id.js'),
 *   'workshop/served-agents': typeof import('../packages/kit/src/workshop/served-agents.js'),
 *   'workshop/server': typeof import('../packages/kit/src/workshop/server.js'),
 * }} KitModules
 */

/**
 * A module of the kit from a build (`room/server` is packages/kit/src/room/server.ts, built).
 *
 * @template {keyof KitModules} Path
 * @param {string} outdir the build, from build()
 * @param {Path} path
 * @returns {Promise<KitModules[Path]>}
 */
export function builtKit(outdir, path) {
  return import(pathToFileURL(join(outdir, 'packages', 'kit', 'src', `${path}.mjs`)).href);
}
