/** The text-stream topic on which a lesson's job reports its hook trace to the learner. */
export const TRACE_TOPIC = 'lessons.trace';
/** Env vars the room runner passes to the worker's job processes. */
export const LESSON_AGENT_ENV = 'LESSON_AGENT_MODULE';
