import { closest, distance } from 'fastest-levenshtein';

/** The closest of `choices` to what was typed, if it is close enough to be a likely typo. */
export function suggest(typed: string, choices: string[]): string | undefined {
  if (choices.length === 0) return undefined;
  const extended = typed.length >= 3 ? choices.find((choice) => choice.startsWith(typed)) : undefined;
  if (extended) return extended;
  const best = closest(typed, choices);
  const limit = Math.max(2, Math.floor(best.length / 3));
  return distance(typed, best) <= limit ? best : undefined;
}
