// A lesson's offline script: what the scripted demo types, and how the offline model answers.
import type { voice } from '@livekit/agents';

/** What the offline model was asked, as the script sees it. */
export interface ModelRequest {
  /** `user`: answering the latest user message; `instructions`: a generateReply({ instructions }); `tool_output`: after a tool ran. */
  kind: 'user' | 'instructions' | 'tool_output';
  /** The user's latest message, the instructions, or `<tool name>: <its output>`. */
  text: string;
  /** Every system message in the context, the agent's instructions first. */
  systemTexts: string[];
  /** Every user message in the context, oldest first. */
  userTexts: string[];
  /**
   * `instructions`: what generateReply asked for this one reply (the framework appends it, after a
   * line break, to the agent's own instructions). Empty for the other kinds.
   */
  asked: string;
  /**
   * The facts the agent put into `asked`: each string field of the session's userData, and each
   * string argument of a tool call so far, whose value appears in it, by name (`userName`,
   * `reason`). A reply reads its data here, never by a pattern over the lesson's wording, so a
   * learner who rewords the instructions keeps the name in the reply.
   */
  given: Record<string, string>;
}

export interface ScriptedReply {
  on: ModelRequest['kind'];
  /** Matched against the request's text (a substring or a pattern), or a test of the request. */
  when: string | RegExp | ((request: ModelRequest) => boolean);
  /** The reply. A function may return undefined: not this reply after all, try the next. */
  say?: string | ((request: ModelRequest) => string | undefined);
  toolCalls?: { name: string; args?: Record<string, unknown> }[];
}

export interface LessonScript<UserData = unknown> {
  /** The agent the session starts with. */
  agent: () => voice.Agent<UserData>;
  /** The session's userData, from the learner's name. */
  userData: (userName: string) => UserData;
  /** The user turns the scripted demo types, in order. */
  turns: string[];
  /** How the offline model answers, first match wins. */
  replies: ScriptedReply[];
  /** Lines the learner can try in an interactive session. */
  suggestions?: string[];
  /**
   * For lessons that compare: the scripted demo plays each scene as a fresh session.
   * A scene may start another agent and add replies of its own (tried first).
   */
  scenes?: Scene<UserData>[];
  /** Session options the offline runner uses too (as main.ts sets them in a room). */
  sessionOptions?: { userAwayTimeout?: number | null };
  /**
   * Offline, how long each spoken word takes to "play out" (default 5 ms). A lesson about a
   * goodbye playing out before the call ends speaks slower, so the wait shows in the transcript.
   */
  msPerWord?: number;
}

export interface Scene<UserData = unknown> {
  /** Names the scene in a room: the dispatch metadata the lesson's entry reads. */
  id?: string;
  title: string;
  turns: string[];
  agent?: () => voice.Agent<UserData>;
  replies?: ScriptedReply[];
  /**
   * After the last turn the user says nothing more and the scene lasts until the agent ends the
   * call itself (up to 30 s), instead of ending it.
   */
  waitForEnd?: boolean;
}

export function defineScript<UserData>(script: LessonScript<UserData>): LessonScript<UserData> {
  return script;
}
