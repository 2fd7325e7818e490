// Two tabs joining as the same learner would kick each other out of the room; the second one
// finds the first and says so instead. A Web Lock held for the page's life answers at once (a
// timed BroadcastChannel poll cost every page open 300 ms); where there are no Web Locks, the poll.

const LOCK_WAIT_MS = 300;

/** One tab is the learner: a second one says so rather than kick the first out of the room. */
export async function aloneInBrowser(): Promise<boolean> {
  const name = `lesson-playground-${location.port}`;
  if (!navigator.locks) return aloneByBroadcast(name);
  // A reload's old page lets go of the lock as it unloads, maybe a moment after the new one asks.
  const deadline = performance.now() + LOCK_WAIT_MS;
  for (;;) {
    const held = await new Promise<boolean>((resolve) => {
      void navigator.locks.request(name, { ifAvailable: true }, (lock) => {
        resolve(lock !== null);
        // Kept until the page goes away.
        return lock ? new Promise<void>(() => {}) : undefined;
      });
    });
    if (held) return true;
    if (performance.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function aloneByBroadcast(name: string): Promise<boolean> {
  const channel = new BroadcastChannel(name);
  let other = false;
  channel.onmessage = (message) => {
    if (message.data === 'anyone?') channel.postMessage('here');
    else if (message.data === 'here') other = true;
  };
  channel.postMessage('anyone?');
  await new Promise((resolve) => setTimeout(resolve, LOCK_WAIT_MS));
  // A tab that gives way stops answering, so the learner's tab can be reloaded.
  if (other) channel.close();
  return !other;
}
