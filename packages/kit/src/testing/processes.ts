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

/** A process's state letter (R, S, T, Z…) and parent, from /proc/<pid>/stat; undefined once it is gone. */
export function processStat(pid: number): { state: string; ppid: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // After the command name, which may itself hold spaces and parentheses.
    const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { state: state!, ppid: Number(ppid) };
  } catch {
    return undefined;
  }
}

/** Gone: no such process, or a zombie waiting to be reaped (it runs nothing). */
export function gone(pid: number): boolean {
  return (processStat(pid)?.state ?? 'Z') === 'Z';
}
