// The event stream every mode produces: the terminal transcript and `--json` are two views of it.
// Docs, tests and benchmarks read the JSON form, so fields are only ever added, never renamed.

export type Mode = 'offline' | 'local' | 'live';
export type HookName = 'onEnter' | 'onExit' | 'onUserTurnCompleted';

export type LessonEvent =
  | {
      type: 'start';
      lesson: string;
      mode: Mode;
      /** Where the room is and which model speaks (the two choices a mode makes). */
      room?: 'none' | 'local' | 'remote';
      modelChoice?: 'stand-in' | 'openai';
      user: string;
      /** The model, as the header names it. */
      model: string;
    }
  | { type: 'hook'; hook: HookName; agent: string; message?: string }
  | {
      type: 'hook_end';
      hook: HookName;
      agent: string;
      result: 'ok' | 'stop_response' | 'error';
      /** onUserTurnCompleted: the user message as the hook left it. */
      message?: string;
      /** onUserTurnCompleted: messages the hook added to the turn's context, as "role: text". */
      added?: string[];
      /** result "error": what the hook threw (or that it never finished). */
      error?: string;
    }
  | { type: 'message'; role: 'user' | 'assistant'; text: string; agent?: string; interrupted?: boolean }
  | { type: 'input'; text: string }
  | { type: 'tool'; name: string; args: unknown; agent: string }
  | { type: 'tool_end'; name: string; output: string }
  | { type: 'handoff'; from: string; to: string }
  | { type: 'job'; call: 'shutdown' | 'deleteRoom'; reason?: string }
  | {
      type: 'room';
      event:
        | 'connected'
        | 'participant_joined'
        | 'participant_left'
        | 'room_deleted'
        | 'disconnected'
        | 'room_exists';
      identity?: string;
      reason?: string;
      exists?: boolean;
      room?: string;
      /** room_exists: who is in the room now. */
      participants?: string[];
    }
  | { type: 'note'; text: string }
  | { type: 'scene'; index: number; of: number; title: string }
  /** In a room, the agent's state and speech as its job reports them (the learner's own bookkeeping). */
  | { type: 'agent_state'; state: string }
  | { type: 'speech'; event: 'created' | 'done'; id: string }
  | { type: 'close'; reason: string; error?: string }
  /**
   * After the call: a step the job ran once its session had closed (defineAgent's onSessionEnd,
   * each ctx.addShutdownCallback callback), reported when it finished.
   */
  | { type: 'after'; step: 'onSessionEnd' | 'shutdown_callback'; name: string; result: 'ok' | 'error' };

/** An event as emitted: `t` is milliseconds since the lesson started. */
export type TimedEvent = LessonEvent & { t: number };

export type EventSink = (event: LessonEvent) => void;

/** Pass events on, remembering the first hook that failed: a lesson whose hook failed exits 1. */
export function noticeHookFailure(sink: EventSink): { sink: EventSink; failure: () => string | undefined } {
  let failure: string | undefined;
  return {
    sink(event) {
      if (event.type === 'hook_end' && event.result === 'error')
        failure ??= `${event.agent}.${event.hook} failed: ${event.error ?? 'an error'}`;
      sink(event);
    },
    failure: () => failure,
  };
}
