#!/usr/bin/env node
// A screenshot of each lesson's playground (`pnpm lesson <name> --web`), taken in Debian's
// Chromium against a real local livekit-server, into the docs build output:
// docs/.vitepress/dist/playground/<name>.png (build output, never tracked files).
//
//   pnpm docs:build && pnpm docs:shots
//
// Each page is left to greet the learner (and, in a lesson with no greeting, is sent the first
// scripted turn), then photographed once the agent is listening again. Plain Node; the kit is
// used as `pnpm lesson` uses it, compiled by packages/kit/bin/build.mjs.
import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from '../../packages/kit/bin/build.mjs';
import { lessons } from './timelines.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const outDir = join(root, 'docs', '.vitepress', 'dist', 'playground');
const chromiumPath = process.env.LESSONS_CHROMIUM || '/usr/bin/chromium';

const { outdir } = await build();
const { findServer, startServer } = await import(`${outdir}/packages/kit/src/room/server.mjs`);
const binary = findServer();
if (!binary || !existsSync(chromiumPath)) {
  console.error(
    `docs:shots: ${binary ? `no Chromium at ${chromiumPath} (apt-get install chromium)` : 'no livekit-server (pnpm server:install)'}; no screenshots taken.`,
  );
  process.exit(1);
}
const { startRoomLesson } = await import(`${outdir}/packages/kit/src/room/room-lesson.mjs`);
const { startPlayground } = await import(`${outdir}/packages/kit/src/web/playground-server.mjs`);
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
