// CPU time spent by a process, and by a PostgreSQL cluster, between two snapshots (Linux /proc).
// On a shared two-core machine, requests per second swing with whatever else runs; CPU milliseconds per
// request hardly do, so they are the steadier way to compare the real server with the baseline.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const ticksPerSecond = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();
const msPerTick = 1000 / ticksPerSecond;

export const cpuAccountingAvailable = existsSync('/proc/self/stat');

/** utime+stime of the process (all its threads), and cutime+cstime of its reaped children, in ticks. */
const stat = (pid) => {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after "(comm)": state is field 3, so utime (14) .. cstime (17) sit at 11..14 here.
    const f = text
      .slice(text.lastIndexOf(')') + 2)
      .split(' ')
      .map(Number);
    return { own: (f[11] ?? 0) + (f[12] ?? 0), reaped: (f[13] ?? 0) + (f[14] ?? 0) };
  } catch {
    return null;
  }
};

const childPids = (pid) => {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
};

/** A process's own CPU in ms so far (threads included; children not). */
export const processCpuMs = (pid) => (stat(pid)?.own ?? 0) * msPerTick;

export const postmasterPid = (clusterDir) => {
  const file = path.join(clusterDir, 'data', 'postmaster.pid');
  return existsSync(file) ? Number(readFileSync(file, 'utf8').split('\n')[0]) : null;
};

/** The postmaster and each live backend, so a delta can account for backends that end in between. */
export const clusterSnapshot = (pid) => {
  const master = stat(pid) ?? { own: 0, reaped: 0 };
  const kids = new Map();
  for (const kid of childPids(pid)) {
    const s = stat(kid);
    if (s) kids.set(kid, s.own);
  }
  return { master, kids };
};

/**
 * CPU ms the whole cluster used between two snapshots. A backend that exits (a pool closing an idle
 * connection) lands in the postmaster's reaped time with its whole life's CPU, so what it had used
 * before the first snapshot is taken back out.
 */
export const clusterCpuMs = (a, b) => {
  let ticks = b.master.own - a.master.own + (b.master.reaped - a.master.reaped);
  for (const [kid, used] of b.kids) ticks += used - (a.kids.get(kid) ?? 0);
  for (const [kid, used] of a.kids) if (!b.kids.has(kid)) ticks -= used;
  return ticks * msPerTick;
};
