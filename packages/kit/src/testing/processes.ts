// For tests that check a command leaves nothing behind: the processes below one, and whether one
// has ended. Linux: pgrep and /proc.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Every process below `pid` (children, their children…), by pid. */
export function descendants(pid: number): number[] {
  const children = spawnSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' })
    .stdout.split('\n')
    .map(Number)
    .filter(Boolean);
  return children.flatMap((child) => [child, ...descendants(child)]);
}

/** Gone: no such process, or a zombie waiting to be reaped (it runs nothing). */
export function gone(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.startsWith('Z');
  } catch {
    return true;
  }
}
