// Which lessons have a screenshot of their playground in docs/public/playground/ (made by
// `pnpm docs:shots`, git-ignored). A page shows the picture where there is one, and otherwise a
// line saying how to make it, so a build on a fresh clone, with no pictures, still passes.
import { basename } from 'node:path';
import { defineLoader } from 'vitepress';

declare const data: string[];
export { data };

export default defineLoader({
  watch: ['../../public/playground/*.png'],
  load: (files: string[]) => files.map((file) => basename(file, '.png')),
});
