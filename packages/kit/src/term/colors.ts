// Colour only on a terminal: picocolors alone also colours whenever CI is set, even into a pipe.
import picocolors from 'picocolors';

const wanted =
  'FORCE_COLOR' in process.env ||
  process.argv.includes('--color') ||
  (!('NO_COLOR' in process.env) &&
    !process.argv.includes('--no-color') &&
    Boolean(process.stdout.isTTY) &&
    process.env.TERM !== 'dumb');

export const pc = picocolors.createColors(wanted);
