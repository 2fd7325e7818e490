// A lesson's src/agent.ts is what a learner takes home: it must compile in a project that has only
// LiveKit's packages (like one made from agent-starter-node), not this repo's kit. The scratch
// project packages/starter-check is that project: each lesson's agent.ts, with the relative files
// it imports, is copied into its lessons/ folder (git-ignored) and type-checked there by its own
// tsc, so every import resolves through that project's node_modules, where the kit does not exist.
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const project = join(root, 'packages', 'starter-check');
const copies = join(project, 'lessons');
const lessons = readdirSync(join(root, 'examples')).filter((name) =>
  existsSync(join(root, 'examples', name, 'src', 'agent.ts')),
);

/** What an agent.ts may import, besides relative files that obey the same rule. */
const ALLOWED = [
  /^@livekit\/agents$/,
  /^@livekit\/agents-plugin-[\w-]+$/,
  /^livekit-server-sdk$/,
  /^zod$/,
  /^node:/,
];

const importsOf = (text: string) =>
  [
    ...text.matchAll(
      /(?:^|\n)\s*(?:import|export)\b[^'"]*?\bfrom\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]/g,
    ),
  ].map((m) => (m[1] ?? m[2])!);

/** agent.ts and every relative file it imports, transitively, as paths under the lesson's src. */
function filesOf(lesson: string): { files: string[]; errors: string[] } {
  const src = join(root, 'examples', lesson, 'src');
  const files: string[] = [];
  const errors: string[] = [];
  const visit = (file: string) => {
    if (files.includes(file)) return;
    files.push(file);
    for (const spec of importsOf(readFileSync(join(src, file), 'utf8'))) {
      if (spec.startsWith('.')) {
        const target = relative(src, resolve(dirname(join(src, file)), spec.replace(/\.js$/, '.ts')));
        if (target.startsWith('..') || /^(script|main|exercise|solution)\.ts$/.test(target)) {
          errors.push(
            `examples/${lesson}/src/${file} imports ${spec}: only plain LiveKit files may be imported`,
          );
        } else visit(target);
      } else if (!ALLOWED.some((pattern) => pattern.test(spec))) {
        errors.push(
          `examples/${lesson}/src/${file} imports ${spec}: agent.ts may import only @livekit/agents, ` +
            '@livekit/agents-plugin-*, livekit-server-sdk, zod, node: built-ins and such relative files',
        );
      }
    }
  };
  visit('agent.ts');
  return { files, errors };
}

/** Run the scratch project's own tsc; its diagnostics, one a line. */
async function typeCheck(): Promise<string[]> {
  const tsc = join(project, 'node_modules', '.bin', 'tsc');
  try {
    await promisify(execFile)(tsc, ['-p', project, '--pretty', 'false'], { cwd: project });
    return [];
  } catch (error) {
    const { stdout = '', message } = error as { stdout?: string; message: string };
    return stdout.trim() ? stdout.trim().split('\n') : [message];
  }
}

describe('a lesson agent.ts compiles in a starter project without the kit', { timeout: 120_000 }, () => {
  let diagnostics: string[] = [];

  beforeAll(async () => {
    expect(existsSync(join(project, 'node_modules', '.bin', 'tsc')), 'run pnpm install first').toBe(true);
    rmSync(copies, { recursive: true, force: true });
    for (const lesson of lessons) {
      for (const file of filesOf(lesson).files) {
        mkdirSync(dirname(join(copies, lesson, file)), { recursive: true });
        cpSync(join(root, 'examples', lesson, 'src', file), join(copies, lesson, file));
      }
    }
    // The control: a copy that imports the kit must not compile here, or this check proves nothing.
    mkdirSync(join(copies, 'control'), { recursive: true });
    writeFileSync(
      join(copies, 'control', 'agent.ts'),
      "import { lessonModels } from '@lessons/kit';\nexport const models = lessonModels;\n",
    );
    diagnostics = await typeCheck();
  }, 120_000); // tsc takes a few seconds, many more on a busy machine

  it.each(lessons)('examples/%s/src/agent.ts imports only LiveKit packages, zod and node:', (lesson) => {
    const { errors } = filesOf(lesson);
    expect(errors, errors.join('\n')).toEqual([]);
  });

  it.each(lessons)('examples/%s/src/agent.ts type-checks in packages/starter-check', (lesson) => {
    const mine = diagnostics.filter((line) => line.startsWith(`lessons/${lesson}/`));
    expect(mine, mine.join('\n')).toEqual([]);
  });

  it('the control: a file importing @lessons/kit does not compile there', () => {
    expect(diagnostics.filter((line) => line.startsWith('lessons/control/')).join('\n')).toMatch(
      /Cannot find module '@lessons\/kit'/,
    );
    // And nothing else went wrong (a broken scratch project would fail every lesson the same way).
    expect(diagnostics.filter((line) => !line.startsWith('lessons/'))).toEqual([]);
  });
});
