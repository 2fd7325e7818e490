// @ts-check
// Processes as Linux's /proc shows them: a process's state, and the processes a run started,
// found by a tag in their environment. Plain JavaScript, so that `pnpm bench` (scripts/*.mjs, run
// by node as they are) shares it with the tests, with no build and no TypeScript loader.
import { readdirSync, readFileSync } from 'node:fs';

/**
 * A process's state letter (R, S, T, Z…) and parent, from /proc/<pid>/stat; undefined once it is gone.
 *
 * @param {number} pid
 * @returns {{ state: string, ppid: number } | undefined}
 */
export function processStat(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // After the command name, which may itself hold spaces and parentheses.
    const [state = '', ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { state, ppid: Number(ppid) };
  } catch {
    return undefined;
  }
}

/**
 * Gone: no such process, or a zombie waiting to be reaped (it runs nothing).
 *
 * @param {number} pid
 */
export function gone(pid) {
  return (processStat(pid)?.state ?? 'Z') === 'Z';
}

/**
 * Running processes (not zombies) with `entry` (`NAME=value`) in their environment: what a run
 * started, when it was started with a tag of its own.
 *
 * @param {string} entry
 * @returns {number[]}
 */
export function processesTagged(entry) {
  /** @type {number[]} */
  const pids = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      if (!readFileSync(`/proc/${name}/environ`, 'latin1').split('\0').includes(entry)) continue;
      if (gone(Number(name))) continue;
      pids.push(Number(name));
    } catch {
      // gone, or not ours
    }
  }
  return pids;
}
