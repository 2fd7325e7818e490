// Text from outside (a name on the command line, a model's reply) is printed as text: it must not
// move the cursor, clear the screen or retitle the terminal.
import { stripVTControlCharacters } from 'node:util';

/** C0 and C1 control characters, DEL, and the bidirectional overrides that reorder a line. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** The text with escape sequences removed and every other control character shown as a space. */
export function printable(text: string): string {
  return stripVTControlCharacters(text).replace(CONTROL, ' ');
}

/**
 * livekit-server v1.13.5 takes a participant name and identity of at most 256 bytes
 * (`limit.max_participant_name_length`, `max_participant_identity_length`); the identity is
 * "learner-" and the name, and a character is up to 4 bytes. 60 characters fit, and are a name.
 */
export const MAX_USER_NAME = 60;

/**
 * `--user` as a name: escape sequences removed, line breaks and other control characters made
 * spaces (so "Ada\nLovelace" is greeted as "Ada Lovelace"), spaces collapsed. A problem is
 * returned as a message, never the raw value.
 */
export function userName(raw: string): { name: string } | { problem: string } {
  const name = printable(raw).replace(/\s+/g, ' ').trim();
  if (!name) return { problem: '--user needs a name, for example --user Grace.' };
  const length = [...name].length;
  if (length > MAX_USER_NAME) {
    return {
      problem: `--user is ${length} characters long; a name can have at most ${MAX_USER_NAME}. Try a shorter one, for example --user Grace.`,
    };
  }
  return { name };
}
