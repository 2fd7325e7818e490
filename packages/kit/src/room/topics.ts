/** The text-stream topic on which a lesson's job reports its hook trace to the learner. */
export const TRACE_TOPIC = 'lessons.trace';
