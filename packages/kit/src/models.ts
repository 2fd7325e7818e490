// The models a lesson's session runs on, by mode. The lesson's agent code is the same in every mode.
import type { voice } from '@livekit/agents';
import { OfflineModel } from './offline/model.js';
import { TypedLineSTT } from './offline/typed-input.js';
import type { LessonScript } from './script.js';

type SessionModels = Pick<voice.AgentSessionOptions, 'stt' | 'llm' | 'tts' | 'vad' | 'turnHandling'>;

/** True when the session should use OpenAI's models (live mode), false for the offline stand-in. */
export function usesRealModels(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.LESSON_MODE === 'live' || (env.LESSON_MODE === undefined && Boolean(env.OPENAI_API_KEY));
}

/**
 * Offline and local mode: the scripted stand-in, and an STT that "hears" typed lines so they
 * take the end-of-turn path (the one that runs onUserTurnCompleted). Live mode: OpenAI's
 * STT, LLM and TTS through @livekit/agents-plugin-openai (loaded only then).
 */
export async function lessonModels<UserData>(script: LessonScript<UserData>): Promise<SessionModels> {
  if (usesRealModels()) {
    const openai = await import('@livekit/agents-plugin-openai');
    return { stt: new openai.STT(), llm: new openai.LLM({ model: 'gpt-4o-mini' }), tts: new openai.TTS() };
  }
  return {
    stt: new TypedLineSTT(),
    llm: new OfflineModel(script as LessonScript<unknown>),
    vad: null,
    turnHandling: { turnDetection: 'stt', endpointing: { minDelay: 50, maxDelay: 200 } },
  };
}
