// Fitting text into the timeline: monospace, so a label's width is its length in characters.

/** The length in characters (not UTF-16 units), as a monospace font draws it. */
export const len = (text: string): number => [...text].length;

/** One line, at most `max` characters, an ellipsis where it was cut. */
export function truncate(text: string, max: number): string {
  const chars = [...text.replace(/\s+/g, ' ').trim()];
  if (chars.length <= max) return chars.join('');
  if (max <= 1) return '…';
  return `${chars
    .slice(0, max - 1)
    .join('')
    .trimEnd()}…`;
}

/** Words into at most `lines` lines of `width` characters; the last one cut if need be. */
export function wrap(text: string, width: number, lines: number): string[] {
  const out: string[] = [];
  let line = '';
  const words = text.replace(/\s+/g, ' ').trim().split(' ');
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const next = line ? `${line} ${word}` : word;
    if ([...next].length <= width || !line) {
      line = next;
      continue;
    }
    if (out.length === lines - 1) {
      out.push(truncate(`${line} ${words.slice(i).join(' ')}`, width));
      return out;
    }
    out.push(truncate(line, width));
    line = word;
  }
  if (line) out.push(truncate(line, width));
  return out;
}

export const seconds = (t: number): string => `${(t / 1000).toFixed(2)}s`;

/** `BillingAgent` → `billing_agent`, as the framework names agents in a handoff. */
export const snake = (name: string): string =>
  name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1_$2')
    .toLowerCase();
