import { pc } from './colors.js';
import type { PlayOptions } from './play.js';
import { OFFLINE_MODEL_LABEL } from './offline/label.js';
import type { Mode } from './events.js';
import { type Reporter, createReporter } from './reporter.js';

/** The header comes first, before the framework loads: the learner sees at once what runs. */
export function lessonHeader({ lesson, user, json, host }: Omit<PlayOptions, 'next'>, mode: Mode): Reporter {
  const reporter = createReporter({ json, startedAt: host.startedAt });
  const { sink, say } = reporter;
  say(pc.bold(`${lesson.title}`) + pc.dim(`  (lesson ${lesson.order}: ${lesson.name}, ${mode} mode)`));
  say(
    pc.dim(
      {
        offline: `The model is the ${OFFLINE_MODEL_LABEL}; no keys, no server. A real model and room: --mode live`,
        local: `A real room on a local livekit-server; the model is the ${OFFLINE_MODEL_LABEL}. A real model: --mode live`,
        live: 'Your LiveKit project and OpenAI: a real voice agent, from the keys in the environment or .env.local.',
      }[mode],
    ),
  );
  sink({
    type: 'start',
    lesson: lesson.name,
    mode,
    user,
    model: mode === 'live' ? 'OpenAI (gpt-4o-mini)' : OFFLINE_MODEL_LABEL,
  });
  return reporter;
}
