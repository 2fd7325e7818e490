// The docs site. Pages live in docs/ (this folder's parent); lesson pages embed `// #region` parts
// of the tested lesson files with VitePress snippet imports (`<<< @/../examples/...#region`), and
// each lesson page shows its hook timeline, drawn from a real run by docs/scripts/timelines.mjs,
// and its playground as docs/scripts/playground-shots.mjs photographed it (where it has).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type DefaultTheme, defineConfig } from 'vitepress';

const docsDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const examplesDir = join(docsDir, '..', 'examples');

interface Lesson {
  name: string;
  title: string;
  order: number;
}

/** The catalogue, as `pnpm lesson` lists it: each examples/<name>/package.json "lesson" field. */
function readLessons(): Lesson[] {
  return readdirSync(examplesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(examplesDir, entry.name, 'package.json')))
    .flatMap((entry) => {
      const { lesson } = JSON.parse(readFileSync(join(examplesDir, entry.name, 'package.json'), 'utf8'));
      return lesson ? [{ name: entry.name, title: lesson.title, order: lesson.order }] : [];
    })
    .filter((lesson) => existsSync(join(docsDir, 'lessons', `${lesson.name}.md`)))
    .sort((a, b) => a.order - b.order);
}

const lessons = readLessons();
const lessonItems: (DefaultTheme.SidebarItem & DefaultTheme.NavItemWithLink)[] = lessons.map((lesson) => ({
  text: `${lesson.order}. ${lesson.title}`,
  link: `/lessons/${lesson.name}`,
}));

export default defineConfig({
  title: 'LiveKit Agents lessons',
  description:
    'Small, runnable, tested lessons on the lifecycle hooks of a LiveKit voice agent in TypeScript: onEnter, onExit, onUserTurnCompleted, and the ways a call ends.',
  lang: 'en',
  // Only the pages of this folder: not the scripts, not the generated pictures, not packages.
  srcExclude: ['**/node_modules/**', 'scripts/**', 'public/**', '**/README.md'],
  head: [['link', { rel: 'icon', type: 'image/svg+xml', href: '/favicon.svg' }]],
  markdown: {
    config(md) {
      // Lesson pages get their timeline right after the title, without a line of it in their text
      // (the same text is each lesson's README, where the picture has no place).
      const names = new Set(lessons.map((lesson) => lesson.name));
      md.core.ruler.push('lesson-timeline', (state) => {
        const match = /^lessons\/([^/]+)\.md$/.exec(String(state.env?.relativePath ?? ''));
        if (!match || !names.has(match[1]!)) return;
        const h1 = state.tokens.findIndex((token) => token.type === 'heading_close' && token.tag === 'h1');
        if (h1 < 0) return;
        const figure = new state.Token('html_block', '', 0);
        figure.content = `<LessonTimeline name="${match[1]}" />\n`;
        state.tokens.splice(h1 + 1, 0, figure);
        // And its playground at the end of its "Try it" section (a picture, or how to make one).
        const isH2 = (token: { type: string; tag: string }) =>
          token.type === 'heading_open' && token.tag === 'h2';
        const tryIt = state.tokens.findIndex(
          (token, i) => isH2(token) && state.tokens[i + 1]?.content === 'Try it',
        );
        if (tryIt < 0) return;
        const next = state.tokens.findIndex((token, i) => i > tryIt && isH2(token));
        const shot = new state.Token('html_block', '', 0);
        shot.content = `<PlaygroundShot name="${match[1]}" />\n`;
        state.tokens.splice(next < 0 ? state.tokens.length : next, 0, shot);
      });
    },
  },
  themeConfig: {
    nav: [
      { text: 'Home', link: '/' },
      { text: 'Getting started', link: '/getting-started' },
      { text: 'Lessons', items: lessonItems, activeMatch: '^/lessons/' },
      { text: 'Hooks reference', link: '/hooks' },
      { text: 'Workshop guide', link: '/workshop' },
    ],
    sidebar: [
      {
        text: 'Start',
        items: [
          { text: 'Home', link: '/' },
          { text: 'Getting started', link: '/getting-started' },
        ],
      },
      { text: 'Lessons', items: lessonItems },
      {
        text: 'Reference',
        items: [
          { text: 'Hooks reference', link: '/hooks' },
          { text: 'Ending a call: the closing table', link: '/closing-table' },
          { text: 'Workshop guide', link: '/workshop' },
          { text: 'Workshop: a shared server', link: '/workshop-server' },
        ],
      },
    ],
    outline: { level: [2, 3] },
    search: { provider: 'local' },
    footer: {
      message: 'The code on these pages is cut from the lesson files the tests run.',
    },
  },
});
