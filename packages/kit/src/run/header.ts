import { pc } from '../term/colors.js';
import type { PlayOptions } from './play.js';
import { describeMode } from '../lesson/modes.js';
import { type Reporter, createReporter } from '../trace/reporter.js';

/**
 * The lesson's reporter, once it has printed the header and the `start` event. The header comes
 * first, before the framework loads: the learner sees at once what runs.
 */
export function reportWithHeader({ lesson, mode, user, json, host }: Omit<PlayOptions, 'next'>): Reporter {
  const reporter = createReporter({ json, startedAt: host.startedAt });
  const { sink, print } = reporter;
  const described = describeMode(mode);
  print(pc.bold(`${lesson.title}`) + pc.dim(`  (lesson ${lesson.order}: ${lesson.name}, ${mode.name} mode)`));
  print(pc.dim(`Room: ${described.room}. Model: ${described.model}.`));
  const next =
    mode.room === 'none'
      ? 'A real room: --mode local; a real model: --model openai with it, or --mode live'
      : mode.model === 'stand-in'
        ? 'A real model: --model openai (needs OPENAI_API_KEY)'
        : '';
  if (next) print(pc.dim(next));
  sink({
    type: 'start',
    lesson: lesson.name,
    mode: mode.name,
    room: mode.room,
    modelChoice: mode.model,
    user,
    model: described.model,
  });
  return reporter;
}
