#!/usr/bin/env node
// @ts-check
// A screenshot of each lesson's playground (`pnpm lesson <name> --web`), taken in Debian's
// Chromium against a real local livekit-server, into docs/public/playground/<name>.png: an input
// of the docs build that git ignores (as the timelines in docs/public/timelines/ are), never a
// tracked file. Then it builds the site, whose pages show the pictures
// (docs/.vitepress/theme/PlaygroundShot.vue); a build without them says how to make them.
//
//   pnpm docs:shots
//
// Each page is left to greet the learner (and, in a lesson with no greeting, is sent the first
// scripted turn), then photographed once the agent is listening again. Plain Node; the kit is
// used as `pnpm lesson` uses it, compiled by packages/kit/bin/build.mjs.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from '../../packages/kit/bin/build.mjs';
import { builtKit } from '../../scripts/built-kit.mjs';
import { lessons } from './timelines.mjs';

if (process.argv.includes('--help') || process.argv.includes('-h')) {
  console.log(
    'pnpm docs:shots\n' +
      "  photographs each lesson's playground (pnpm lesson <name> --web) in Chromium against a local\n" +
      '  livekit-server into docs/public/playground/<name>.png (git-ignored), then builds the docs site\n' +
      '  with them (pnpm docs:build). LESSON_CHROMIUM names another Chromium than /usr/bin/chromium.',
  );
  process.exit(0);
}
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const outDir = join(root, 'docs', 'public', 'playground');
const chromiumPath = process.env.LESSON_CHROMIUM || '/usr/bin/chromium';

const { outdir } = await build();
const { findServer, startServer } = await builtKit(outdir, 'room/server');
const binary = findServer();
if (!binary || !existsSync(chromiumPath)) {
  console.error(
    `docs:shots: ${binary ? `no Chromium at ${chromiumPath} (apt-get install chromium)` : 'no livekit-server (pnpm server:install)'}; no screenshots taken.`,
  );
  process.exit(1);
}
const { startRoomLesson } = await builtKit(outdir, 'room/room-lesson');
const { startPlayground } = await builtKit(outdir, 'web/playground-server');
const { chromium } = createRequire(join(root, 'packages/kit/package.json'))('playwright-core');

mkdirSync(outDir, { recursive: true });
const server = await startServer(binary);
const browser = await chromium.launch({
  executablePath: chromiumPath,
  args: ['--no-sandbox', '--disable-gpu', '--autoplay-policy=no-user-gesture-required'],
});
try {
  for (const { name, title } of lessons()) {
    const base = `${outdir}/examples/${name}/src`;
    /** @type {import('../../packages/kit/src/lesson/script.js').LessonScript} */
    const script = (await import(`${base}/script.mjs`)).default;
    const roomLesson = await startRoomLesson({
      server,
      lessonName: `${name}-shot`,
      agentModule: `${base}/main.mjs`,
      jobEntry: `${outdir}/packages/kit/src/room/job-entry.mjs`,
    });
    const playground = await startPlayground({
      roomLesson,
      lesson: { name, title },
      user: 'Ada',
      scenes: (script.scenes ?? []).map(({ id, title }) => ({ id, title })),
      sink: () => {},
    });
    const page = await browser.newPage({ viewport: { width: 1280, height: 760 } });
    try {
      await page.goto(playground.url);
      const listening = () =>
        page.waitForFunction(`window.playground?.agentState === 'listening'`, undefined, { timeout: 45_000 });
      await listening();
      const spoke = `window.playground.events.some((e) => e.type === 'message' && e.role === 'assistant')`;
      // A lesson with no greeting of its own gets the first scripted turn, so the picture shows a reply.
      const greeted = await page.waitForFunction(spoke, undefined, { timeout: 10_000 }).then(
        () => true,
        () => false,
      );
      if (!greeted) {
        await page.fill('#say-text', (script.scenes?.[0]?.turns ?? script.turns)[0]);
        await page.press('#say-text', 'Enter');
      }
      await page.waitForFunction(spoke, undefined, { timeout: 45_000 });
      await listening();
      const file = join(outDir, `${name}.png`);
      await page.screenshot({ path: file });
      console.log(`docs:shots: ${file}`);
    } finally {
      await page.close();
      await playground.close();
      await roomLesson.stop();
    }
  }
} finally {
  await browser.close();
  await server.stop();
}
// The site, built with the pictures (its pages show them where they exist).
const built = spawnSync('pnpm', ['-C', 'docs', 'build'], { cwd: root, stdio: 'inherit' });
process.exit(built.status ?? 1);
