// The kit holds an event stream open while the lesson runs: when it ends (Ctrl+C in the
// terminal), so has the lesson, and the page says so.

export function whenTheKitStops(stopped: () => void): void {
  const alive = new EventSource('/api/alive');
  alive.onerror = () => {
    alive.close();
    stopped();
  };
}
