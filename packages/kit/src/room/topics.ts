/** The text-stream topic on which a lesson's job reports its hook trace to the learner. */
export const TRACE_TOPIC = 'lessons.trace';
/** Env vars the room runner passes to the worker's job processes. */
export const LESSON_AGENT_ENV = 'LESSON_AGENT_MODULE';
/**
 * The file (JSON lines) where a job writes its trace from the session's close on: what runs after
 * the call (onSessionEnd, shutdown callbacks) happens when the room may be gone.
 */
export const LESSON_TRACE_FILE_ENV = 'LESSON_TRACE_FILE';
