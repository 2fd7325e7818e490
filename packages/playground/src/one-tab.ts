// Two tabs joining as the same learner would kick each other out of the room; the second one
// finds the first over a BroadcastChannel and says so instead.

/** One tab is the learner: a second one says so rather than kick the first out of the room. */
export async function aloneInBrowser(): Promise<boolean> {
  const channel = new BroadcastChannel(`lesson-playground-${location.port}`);
  let other = false;
  channel.onmessage = (message) => {
    if (message.data === 'anyone?') channel.postMessage('here');
    else if (message.data === 'here') other = true;
  };
  channel.postMessage('anyone?');
  await new Promise((resolve) => setTimeout(resolve, 300));
  // A tab that gives way stops answering, so the learner's tab can be reloaded.
  if (other) channel.close();
  return !other;
}
