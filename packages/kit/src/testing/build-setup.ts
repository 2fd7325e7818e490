// vitest global setup of the offline tier (vitest.config.ts): compile the lessons (a worker's job
// processes, and the stand-in voice's synthesis process, load JavaScript), and no livekit-server:
// no offline test needs one, so a run of the offline tier alone starts none.
import type { TestProject } from 'vitest/node';
import { build } from '../../bin/build.mjs';

export default async function setup(project: TestProject) {
  const { outdir } = (await build()) as { outdir: string };
  project.provide('lessonsBuild', outdir);
  project.provide('livekitServer', null);
}
