// The docs site as a reader sees it: built (if its sources changed), served from
// docs/.vitepress/dist on loopback, and opened page by page in Debian's Chromium. Every lesson page
// must show its code (the regions its snippet imports name) and its hook timeline; no internal link
// may be broken; the console must stay free of errors. Each shows its playground: the picture
// `pnpm docs:shots` took, or, where it took none, how to make it. A screenshot of each page is saved in
// test-results/screenshots/ for a person to look at.
//
// Without /usr/bin/chromium (apt-get install chromium) the test is skipped with one loud line;
// LESSON_REQUIRE_BROWSER=1 makes that a failure. LESSON_CHROMIUM names another binary.
import { spawn } from 'node:child_process';
import {
  createReadStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPage } from '../scripts/readmes.mjs';

const docsDir = fileURLToPath(new URL('.', import.meta.url));
const root = resolve(docsDir, '..');
const dist = join(docsDir, '.vitepress', 'dist');
const screenshots = join(root, 'test-results', 'screenshots');
const chromiumPath = process.env.LESSON_CHROMIUM || '/usr/bin/chromium';
// LESSON_SKIP_BROWSER=1 skips it on purpose (pnpm bench times the offline suite so).
const skippedOnPurpose = Boolean(process.env.LESSON_SKIP_BROWSER);
const browserMissing = skippedOnPurpose || !existsSync(chromiumPath);
const requireBrowser = Boolean(process.env.LESSON_REQUIRE_BROWSER) && !skippedOnPurpose;
const missingHelp = skippedOnPurpose
  ? 'LESSON_SKIP_BROWSER is set'
  : `no Chromium at ${chromiumPath} (apt-get install chromium, or set LESSON_CHROMIUM)`;

if (browserMissing && !requireBrowser) {
  console.warn(
    `\n⚠ SKIPPED docs/site.browser.test.ts (the docs site in a browser): ${missingHelp}. LESSON_REQUIRE_BROWSER=1 makes this a failure.\n`,
  );
}

// ── What the site must have ────────────────────────────────────────────────────────────────────

interface Lesson {
  name: string;
  title: string;
  order: number;
}

/** The catalogue, as the config reads it: examples/<name>/package.json "lesson" fields. */
const lessons: Lesson[] = readdirSync(join(root, 'examples'))
  .filter((name) => existsSync(join(root, 'examples', name, 'package.json')))
  .flatMap((name) => {
    const { lesson } = JSON.parse(readFileSync(join(root, 'examples', name, 'package.json'), 'utf8'));
    return lesson ? [{ name, title: lesson.title as string, order: lesson.order as number }] : [];
  })
  .sort((a, b) => a.order - b.order);

/** A word each lesson's hook code must show (its code blocks come from its snippet imports). */
const hookWord: Record<string, string> = {
  greeting: 'onEnter',
  farewell: 'onExit',
  'turn-context': 'onUserTurnCompleted',
  'shutdown-vs-delete': 'deleteRoom',
  'end-call': 'end_call',
  'after-the-call': 'addShutdownCallback',
};

const pages = [
  { name: 'home', path: '/', heading: 'LiveKit Agents lessons' },
  { name: 'getting-started', path: '/getting-started.html', heading: 'Getting started' },
  { name: 'hooks', path: '/hooks.html', heading: 'Hooks reference' },
  { name: 'workshop', path: '/workshop.html', heading: 'Workshop guide' },
  { name: 'workshop-server', path: '/workshop-server.html', heading: 'A shared server for the workshop' },
  ...lessons.map((lesson) => ({ name: lesson.name, path: `/lessons/${lesson.name}.html`, heading: '' })),
];

// ── Building, only when something it is made from is newer than the build ──────────────────────

/** The newest modification time of the files under `dir` (skipping what `skip` says). */
function newest(dir: string, skip: (path: string) => boolean = () => false): number {
  if (!existsSync(dir) || skip(dir)) return 0;
  const stat = statSync(dir);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = 0;
  for (const entry of readdirSync(dir)) latest = Math.max(latest, newest(join(dir, entry), skip));
  return latest;
}

/**
 * What the pages are made from: the docs folder (pages, config, theme, scripts), the lesson files
 * their code blocks are cut from, the catalogue, and the timeline renderer. (A change elsewhere in
 * the kit or a lesson leaves the pages as they were; the timelines are drawn from the recorded runs
 * in docs/timelines, which count as sources; rebuilding for more would only load the machine.)
 */
function sourcesTime(): number {
  const notBuilt = (path: string) =>
    ['node_modules', 'dist', 'cache', '.temp', `public${sep}timelines`].some((name) =>
      path.endsWith(`${sep}${name}`),
    ) || path.endsWith('.test.ts');
  return Math.max(
    newest(docsDir, notBuilt),
    ...lessons.flatMap(({ name }) => [
      newest(join(root, 'examples', name, 'src', 'agent.ts')),
      newest(join(root, 'examples', name, 'package.json')),
    ]),
    newest(join(root, 'packages', 'kit', 'src', 'render', 'timeline'), notBuilt),
  );
}

/** Run docs/package.json's "build" script, as `pnpm docs:build` does. */
function buildSite(): Promise<void> {
  const { scripts } = JSON.parse(readFileSync(join(docsDir, 'package.json'), 'utf8'));
  return new Promise((done, fail) => {
    const bin = join(docsDir, 'node_modules', '.bin');
    const child = spawn(scripts.build, {
      cwd: docsDir,
      shell: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, PATH: `${bin}${process.platform === 'win32' ? ';' : ':'}${process.env.PATH}` },
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', fail);
    child.on('close', (code) =>
      code === 0
        ? done()
        : fail(new Error(`the docs build (${scripts.build}) failed, exit ${code}:\n${output.slice(-4000)}`)),
    );
  });
}

// ── A static server for the built site ─────────────────────────────────────────────────────────
// Not VitePress's own `serve` (what `vitepress preview` runs): it listens on every interface,
// with no option for the host, and a server the tests start listens on loopback only.

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** The file a URL path names in dist: `/` is index.html, `/page` is page.html; undefined if none. */
function fileFor(urlPath: string): string | undefined {
  let path: string;
  try {
    path = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  const file = resolve(dist, `.${path}`);
  if (file !== dist && !file.startsWith(`${dist}${sep}`)) return undefined;
  const candidates = path.endsWith('/') ? [join(file, 'index.html')] : [file, `${file}.html`];
  return candidates.find((candidate) => existsSync(candidate) && statSync(candidate).isFile());
}

function serve(): Promise<Server> {
  const server = createServer((request, response) => {
    const { pathname } = new URL(request.url ?? '/', 'http://localhost');
    const file = fileFor(pathname);
    if (!file || (request.method !== 'GET' && request.method !== 'HEAD')) {
      response
        .writeHead(404, { 'content-type': 'text/plain; charset=utf-8' })
        .end(`not found: ${pathname}\n`);
      return;
    }
    response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    if (request.method === 'HEAD') response.end();
    else createReadStream(file).pipe(response);
  });
  return new Promise((done, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => done(server));
  });
}

// ── The test ───────────────────────────────────────────────────────────────────────────────────

describe.skipIf(browserMissing && !requireBrowser)('the docs site in a browser', () => {
  let server: Server | undefined;
  let context: BrowserContext | undefined;
  let userDataDir: string | undefined;
  let origin = '';
  /** Every same-origin link seen on any page, with the pages it was on. */
  const links = new Map<string, Set<string>>();

  beforeAll(async () => {
    if (browserMissing) throw new Error(`LESSON_REQUIRE_BROWSER is set, but there is ${missingHelp}`);
    const builtAt = existsSync(join(dist, 'index.html')) ? statSync(join(dist, 'index.html')).mtimeMs : 0;
    if (
      builtAt < sourcesTime() ||
      lessons.some((l) => !existsSync(join(dist, 'timelines', `${l.name}.svg`))) ||
      // The playground pictures made or removed since the build (a deletion leaves no newer file).
      lessons.some(
        (l) =>
          existsSync(join(docsDir, 'public', 'playground', `${l.name}.png`)) !==
          existsSync(join(dist, 'playground', `${l.name}.png`)),
      )
    ) {
      await buildSite();
    }
    server = await serve();
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    mkdirSync(screenshots, { recursive: true });
    userDataDir = mkdtempSync(join(tmpdir(), 'lessons-chromium-'));
    const { chromium } = await import('playwright-core');
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: chromiumPath,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
      viewport: { width: 1280, height: 900 },
      colorScheme: 'light',
    });
  }, 240_000);

  afterAll(async () => {
    await context?.close();
    await new Promise((done) => (server ? server.close(done) : done(undefined)));
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
  });

  /** Open a page, and collect what went wrong on it: console errors, page errors, failed loads. */
  async function open(path: string): Promise<{ page: Page; problems: string[] }> {
    const page = await context!.newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('requestfailed', (request) =>
      problems.push(`failed to load ${request.url()}: ${request.failure()?.errorText}`),
    );
    page.on('response', (response) => {
      if (response.status() >= 400) problems.push(`HTTP ${response.status()} for ${response.url()}`);
    });
    const response = await page.goto(`${origin}${path}`, { waitUntil: 'networkidle' });
    expect(response?.status(), path).toBe(200);
    return { page, problems };
  }

  async function collectLinks(page: Page, path: string) {
    const hrefs = await page.$$eval('a[href]', (anchors) =>
      anchors.map((a) => (a as HTMLAnchorElement).href),
    );
    for (const href of hrefs) {
      const url = new URL(href);
      if (url.origin !== origin) continue;
      const key = `${url.pathname}${url.hash}`;
      if (!links.has(key)) links.set(key, new Set());
      links.get(key)!.add(path);
    }
  }

  it.each(pages)(
    '$name: renders, with no console errors',
    async ({ name, path, heading }) => {
      const { page, problems } = await open(path);
      try {
        if (heading) expect(await page.locator('h1').first().innerText()).toContain(heading);
        // The sidebar lists the lessons in catalogue order (the home page has none).
        if (name !== 'home') {
          const sidebar = await page.locator('.VPSidebar a').allInnerTexts();
          const at = lessons.map((lesson) => sidebar.findIndex((text) => text.includes(lesson.title)));
          expect(
            at.every((index) => index >= 0),
            sidebar.join('\n'),
          ).toBe(true);
          expect([...at].sort((a, b) => a - b)).toEqual(at);
        }
        await collectLinks(page, path);
        await page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: true });
        expect(problems, problems.join('\n')).toEqual([]);
      } finally {
        await page.close();
      }
    },
    60_000,
  );

  it.each(lessons)(
    'lesson $name: shows its title, its hook code and its timeline',
    async (lesson) => {
      const { page, problems } = await open(`/lessons/${lesson.name}.html`);
      try {
        const h1 = await page.locator('h1').first().innerText();
        expect(h1.replace(/[\s\u200b]+/g, ' ').trim()).toBe(lesson.title);

        // The code blocks are the regions the page's snippet imports name, cut from the lesson file.
        const code = (await page.locator('.vp-doc div[class*="language-"] pre').allInnerTexts()).join('\n');
        expect(code).toContain(hookWord[lesson.name] ?? '');
        const pageFile = join(docsDir, 'lessons', `${lesson.name}.md`);
        const { regions, errors } = checkPage(readFileSync(pageFile, 'utf8'), root, {
          page: relative(root, pageFile),
        });
        expect(errors).toEqual([]);
        expect(regions.size).toBeGreaterThan(0);
        const squash = (text: string) => text.replace(/\s+/g, ' ').trim();
        for (const { code: region, file } of regions.values()) {
          expect(squash(code), `a region of ${file}`).toContain(squash(region));
        }

        // The timeline: right under the title, loaded, and an SVG of this lesson's run.
        const img = page.locator('.vp-doc h1 + .lesson-timeline img');
        await expect.poll(() => img.count()).toBe(1);
        expect(await img.getAttribute('alt')).toBe(
          `Hook timeline of the ${lesson.name} demo, from its real run`,
        );
        const size = await img.evaluate(async (el: HTMLImageElement) => {
          await el.decode();
          return { width: el.naturalWidth, height: el.naturalHeight, src: el.src };
        });
        expect(size.width).toBeGreaterThan(0);
        expect(size.height).toBeGreaterThan(0);
        const svg = await (await fetch(size.src)).text();
        expect(svg).toContain(`<title id="timeline-title">Hook timeline: `);
        expect(svg).toContain(`pnpm lesson ${lesson.name} --json`);

        await page
          .locator('.lesson-timeline')
          .screenshot({ path: join(screenshots, `${lesson.name}-timeline.png`) });
        expect(problems, problems.join('\n')).toEqual([]);
      } finally {
        await page.close();
      }
    },
    60_000,
  );

  it.each([
    ...lessons.map((lesson) => ({ path: `/lessons/${lesson.name}.html`, name: lesson.name })),
    { path: '/getting-started.html', name: 'end-call' },
  ])(
    '$path: shows the $name playground, or (not photographed) how to make the picture',
    async ({ path, name }) => {
      const { page, problems } = await open(path);
      try {
        const figure = page.locator('.vp-doc .playground-shot');
        await expect.poll(() => figure.count()).toBe(1);
        expect(await figure.locator('figcaption').innerText()).toContain(`pnpm lesson ${name} --web`);
        // `pnpm docs:shots` puts the pictures in docs/public/playground/ (git-ignored), then builds.
        if (existsSync(join(docsDir, 'public', 'playground', `${name}.png`))) {
          const width = await figure
            .locator('img')
            .evaluate(async (el: HTMLImageElement) => (await el.decode(), el.naturalWidth));
          expect(width).toBeGreaterThan(0);
        } else {
          expect(await figure.locator('.playground-shot-missing').innerText()).toContain('pnpm docs:shots');
        }
        expect(problems, problems.join('\n')).toEqual([]);
      } finally {
        await page.close();
      }
    },
    60_000,
  );

  it('a lesson page reads in the dark theme too', async () => {
    const page = await context!.newPage();
    try {
      await page.emulateMedia({ colorScheme: 'dark' });
      await page.goto(`${origin}/lessons/${lessons[0]!.name}.html`, { waitUntil: 'networkidle' });
      expect(await page.evaluate(() => document.documentElement.classList.contains('dark'))).toBe(true);
      await page.screenshot({ path: join(screenshots, `${lessons[0]!.name}-dark.png`), fullPage: true });
    } finally {
      await page.close();
    }
  }, 60_000);

  it('has no broken internal links: every one answers 200, and its #anchor exists', async () => {
    expect(links.size).toBeGreaterThan(pages.length);
    const broken: string[] = [];
    const html = new Map<string, string>();
    for (const [link, on] of [...links].sort(([a], [b]) => a.localeCompare(b))) {
      const url = new URL(link, origin);
      const where = `${link} (on ${[...on].join(', ')})`;
      if (!html.has(url.pathname)) {
        const response = await fetch(`${origin}${url.pathname}`);
        html.set(url.pathname, response.status === 200 ? await response.text() : `HTTP ${response.status}`);
        if (response.status !== 200) broken.push(`${where}: HTTP ${response.status}`);
      }
      const hash = decodeURIComponent(url.hash.slice(1));
      if (hash && !html.get(url.pathname)!.includes(`id="${hash}"`))
        broken.push(`${where}: no element with id "${hash}"`);
    }
    expect(broken, broken.join('\n')).toEqual([]);
  }, 60_000);
});
