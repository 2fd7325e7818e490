import pc from 'picocolors';
import type { PlayOptions } from './play.js';
import { OFFLINE_MODEL_LABEL } from './offline/label.js';
import { type Reporter, createReporter } from './reporter.js';

/** The header comes first, before the framework loads: the learner sees at once what runs. */
export function offlineHeader({ lesson, user, json, host }: Omit<PlayOptions, 'next'>): Reporter {
  const reporter = createReporter({ json, startedAt: host.startedAt });
  const { sink, say } = reporter;
  say(pc.bold(`${lesson.title}`) + pc.dim(`  (lesson ${lesson.order}: ${lesson.name}, offline mode)`));
  say(
    pc.dim(
      `The model is the ${OFFLINE_MODEL_LABEL}; no keys, no server. ` +
        `A real model and room: pnpm lesson ${lesson.name} --mode live`,
    ),
  );
  sink({ type: 'start', lesson: lesson.name, mode: 'offline', user, model: OFFLINE_MODEL_LABEL });
  return reporter;
}
