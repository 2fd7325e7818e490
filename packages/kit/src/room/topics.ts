/** The text-stream topic on which a lesson's job reports its hook trace to the learner. */
export const TRACE_TOPIC = 'lessons.trace';

/**
 * The RPC method by which the job hands the learner the event of a call that ends its part in the
 * room (ctx.shutdown(), ctx.deleteRoom()), and waits for the answer before the call goes ahead: a
 * text stream still on its way is lost with the room.
 */
export const TRACE_RPC_METHOD = 'lessons.trace';
