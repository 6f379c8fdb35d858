import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** Readers of Linux /proc: memory and CPU time of processes, and of the whole machine. */

const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

function read(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined; // the process has gone, or this is not Linux
  }
}

/** Resident set size in bytes (VmRSS), undefined when the process is gone. */
export function rssBytes(pid: number): number | undefined {
  const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(read(`/proc/${pid}/status`) ?? '');
  return match ? Number(match[1]) * 1024 : undefined;
}

/** The fields of /proc/<pid>/stat after the command name (field 3, "state", is index 0). */
function statFields(pid: number): string[] | undefined {
  const stat = read(`/proc/${pid}/stat`);
  return stat ? stat.slice(stat.lastIndexOf(')') + 2).split(' ') : undefined;
}

/** CPU seconds of a process (user + system), plus those of its exited, reaped children. */
export function cpuSeconds(pid: number, withReapedChildren = false): number {
  const fields = statFields(pid);
  if (!fields) return 0;
  const [utime, stime, cutime, cstime] = fields.slice(11, 15).map(Number);
  return (utime + stime + (withReapedChildren ? cutime + cstime : 0)) / CLOCK_TICKS;
}

function childrenOf(parent: number): number[] {
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return [];
  }
  return entries.map(Number).filter((pid) => Number(statFields(pid)?.[1]) === parent);
}

/** CPU seconds of a server and its direct children (PostgreSQL: postmaster and backends). */
export function treeCpuSeconds(root: number): number {
  return cpuSeconds(root, true) + childrenOf(root).reduce((sum, pid) => sum + cpuSeconds(pid), 0);
}

/**
 * Jiffies of all CPUs together (/proc/stat): busy (idle, iowait and steal count as not busy),
 * stolen (time the hypervisor gave the virtual CPUs to someone else) and the total.
 */
export function machineTicks(): { busy: number; steal: number; total: number } {
  const line = (read('/proc/stat') ?? '').split('\n')[0];
  const values = line.split(/\s+/).slice(1, 9).map(Number);
  if (values.length < 8 || values.some(Number.isNaN)) return { busy: 0, steal: 0, total: 0 };
  const total = values.reduce((sum, value) => sum + value, 0);
  const [, , , idle, iowait, , , steal] = values;
  return { busy: total - idle - iowait - steal, steal, total };
}

/** The parent's pid, undefined when the process is not visible here. */
export function parentPid(pid: number): number | undefined {
  const parent = Number(statFields(pid)?.[1]);
  return Number.isInteger(parent) && parent > 0 ? parent : undefined;
}

/** The process's command name (/proc/<pid>/comm), e.g. `postgres`. */
export function commandName(pid: number): string | undefined {
  return read(`/proc/${pid}/comm`)?.trim();
}
