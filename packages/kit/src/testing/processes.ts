// For tests that check a command leaves nothing behind: the processes below one, and whether one
// has ended. Linux: pgrep and /proc (proc.mjs, which the benches share).
import { spawnSync } from 'node:child_process';

export { gone, processStat, processesTagged } from './proc.mjs';

/** Every process below `pid` (children, their children…), by pid. */
export function descendants(pid: number): number[] {
  const children = spawnSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' })
    .stdout.split('\n')
    .map(Number)
    .filter(Boolean);
  return children.flatMap((child) => [child, ...descendants(child)]);
}
