// The models a lesson's session runs on, by mode. The lesson's agent code is the same in every mode.
import { getJobContext, type voice } from '@livekit/agents';
import { OPENAI_MODEL, readJobSettings } from '../lesson/modes.js';
import { OfflineModel } from './model.js';
import { TypedLineSTT } from './typed-input.js';
import { StandInVoice } from '../voice/stand-in-voice.js';
import type { LessonScript } from '../lesson/script.js';

type SessionModels = Pick<voice.AgentSessionOptions, 'stt' | 'llm' | 'tts' | 'vad' | 'turnHandling'>;

/**
 * True when the session should use OpenAI's models, false for the offline stand-in. Started by the
 * kit, the job says which (`--model`); a main.ts run by hand (tsx src/main.ts dev) uses OpenAI
 * when OPENAI_API_KEY is set, as LiveKit's starter does.
 */
export function usesRealModels(env: NodeJS.ProcessEnv = process.env): boolean {
  const job = readJobSettings(env);
  return job ? job.model === 'openai' : Boolean(env.OPENAI_API_KEY);
}

/**
 * With the stand-in (offline, and rooms by default): the scripted model, and an STT that "hears"
 * typed lines so they take the end-of-turn path (the one that runs onUserTurnCompleted); in a
 * room, a voice with no keys (Flite, in a child process; silence paced like speech if that process
 * dies). With --model openai: OpenAI's
 * STT, LLM and TTS through @livekit/agents-plugin-openai (loaded only then).
 */
export async function lessonModels<UserData>(script: LessonScript<UserData>): Promise<SessionModels> {
  if (usesRealModels()) {
    const openai = await import('@livekit/agents-plugin-openai');
    // The key as the kit found it (the environment or .env.local); by hand, OPENAI_API_KEY.
    // A base URL, when given, points all three at another OpenAI-compatible server.
    const given = readJobSettings()?.openai;
    const apiKey = given?.apiKey ?? process.env.OPENAI_API_KEY;
    const baseURL = given ? given.baseURL : process.env.OPENAI_BASE_URL;
    // Only what is set: the plugin's defaults are spread under these, and undefined would win.
    const client = { ...(apiKey && { apiKey }), ...(baseURL && { baseURL }) };
    return {
      stt: new openai.STT(client),
      llm: new openai.LLM({ model: OPENAI_MODEL, ...client }),
      tts: new openai.TTS(client),
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
