// The models a lesson's session runs on, by mode. The lesson's agent code is the same in every mode.
import { getJobContext, type voice } from '@livekit/agents';
import { OfflineModel } from './offline/model.js';
import { TypedLineSTT } from './offline/typed-input.js';
import { StandInVoice } from './voice/stand-in-voice.js';
import type { LessonScript } from './script.js';

type SessionModels = Pick<voice.AgentSessionOptions, 'stt' | 'llm' | 'tts' | 'vad' | 'turnHandling'>;

/** True when the session should use OpenAI's models (live mode), false for the offline stand-in. */
export function usesRealModels(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.LESSON_MODE === 'live' || (env.LESSON_MODE === undefined && Boolean(env.OPENAI_API_KEY));
}

/**
 * Offline and local mode: the scripted stand-in, and an STT that "hears" typed lines so they
 * take the end-of-turn path (the one that runs onUserTurnCompleted); in a room, a voice with no
 * keys (Flite, in a child process; silence paced like speech if that process dies). Live mode: OpenAI's
 * STT, LLM and TTS through @livekit/agents-plugin-openai (loaded only then).
 */
export async function lessonModels<UserData>(script: LessonScript<UserData>): Promise<SessionModels> {
  if (usesRealModels()) {
    const openai = await import('@livekit/agents-plugin-openai');
    // OPENAI_BASE_URL, when set, points all three at another OpenAI-compatible server.
    const baseURL = process.env.OPENAI_BASE_URL;
    return {
      stt: new openai.STT({ baseURL }),
      llm: new openai.LLM({ model: 'gpt-4o-mini', baseURL }),
      tts: new openai.TTS({ baseURL }),
    };
  }
  // In a room, the dispatch's metadata may name one of the script's scenes.
  const sceneId = getJobContext(false)?.job.metadata;
  const scene = script.scenes?.find((s) => s.id !== undefined && s.id === sceneId);
  return {
    stt: new TypedLineSTT(),
    // In a room the stand-in speaks with Flite's voice (offline, the runner paces text).
    ...(getJobContext(false) && { tts: new StandInVoice() }),
    llm: new OfflineModel({
      ...script,
      replies: [...(scene?.replies ?? []), ...script.replies],
    } as LessonScript<unknown>),
    vad: null,
    turnHandling: { turnDetection: 'stt', endpointing: { minDelay: 50, maxDelay: 200 } },
  };
}

/**
 * Room input options that send what the user types in the chat (`lk.chat`) down the same
 * end-of-turn path as speech, so onUserTurnCompleted runs for it. (RoomIO's default answers typed
 * text with generateReply({ userInput }), which skips that hook.) With a real STT: the default.
 * It also shows the stand-in the session's userData, to find the facts a reply's instructions carry.
 */
export function typedChatAsSpeech<UserData>(session: voice.AgentSession<UserData>): {
  inputOptions?: Partial<voice.RoomInputOptions>;
} {
  if (session.llm instanceof OfflineModel) session.llm.userData = () => session.userData;
  const { stt } = session;
  if (!(stt instanceof TypedLineSTT)) return {};
  return {
    inputOptions: {
      textInputCallback: (sess, event) => {
        sess.interrupt();
        stt.hear(event.text);
      },
    },
  };
}
