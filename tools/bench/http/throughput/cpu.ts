/**
 * Where the CPU went during a measurement: per-process CPU time (user + system, all threads) from
 * /proc/<pid>/stat, read before and after, and the whole machine's busy time from /proc/stat. On
 * a 2-core machine shared by the app instances, nginx, PostgreSQL and the load generator, the split
 * says which of them the cores were spent on (and how much went to other people's processes).
 */
import fs from "node:fs";
import { execFileSync } from "node:child_process";

/** Clock ticks per second of the times in /proc (USER_HZ, 100 on Linux x86). */
export const TICKS_PER_SECOND = Number(execFileSync("getconf", ["CLK_TCK"]).toString().trim()) || 100;

export interface ProcTimes {
  pid: number;
  ppid: number;
  /** Own CPU ticks (user + system). */
  ticks: number;
  /** CPU ticks of children it has reaped (PostgreSQL's postmaster reaps ended backends). */
  reapedTicks: number;
}

export function procTimes(pid: number): ProcTimes | null {
  let text: string;
  try {
    text = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return null; // gone
  }
  // The command name is in parentheses and may hold spaces: the fields start after the last ')'.
  const rest = text.slice(text.lastIndexOf(")") + 2).split(" ");
  const n = (i: number) => Number(rest[i]);
  return { pid, ppid: n(1), ticks: n(11) + n(12), reapedTicks: n(13) + n(14) };
}

/** Every process's times, by pid (one pass over /proc). */
export function allProcTimes(): Map<number, ProcTimes> {
  const out = new Map<number, ProcTimes>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const t = procTimes(Number(entry));
    if (t) out.set(t.pid, t);
  }
  return out;
}

/** `root` and all its descendants in a /proc snapshot. */
export function treeOf(root: number, snapshot: Map<number, ProcTimes>): number[] {
  const children = new Map<number, number[]>();
  for (const t of snapshot.values()) children.set(t.ppid, [...(children.get(t.ppid) ?? []), t.pid]);
  const out: number[] = [];
  const walk = (pid: number) => {
    if (!snapshot.has(pid)) return;
    out.push(pid);
    for (const c of children.get(pid) ?? []) walk(c);
  };
  walk(root);
  return out;
}

/** The machine's busy and total ticks over all cores (/proc/stat's first line). */
export function machineTicks(): { busy: number; total: number; cores: number } {
  const lines = fs.readFileSync("/proc/stat", "utf8").split("\n");
  const [, ...fields] = lines[0]!.trim().split(/\s+/);
  const [user, nice, system, idle, iowait, irq, softirq, steal] = fields.map(Number) as number[];
  const busy = user! + nice! + system! + irq! + softirq! + steal!;
  return { busy, total: busy + idle! + iowait!, cores: lines.filter((l) => /^cpu\d+ /.test(l)).length };
}

/**
 * A group of processes whose CPU is summed: the pids it names in each snapshot (a process tree, or
 * PostgreSQL backends by application_name). A pid seen only at the end started during the
 * measurement and counts from 0; a pid gone by the end counts nothing unless `reapedBy` names
 * its parent, whose reaped-children time then holds it (the postmaster for ended backends, this
 * process for a finished wrk).
 */
export interface CpuGroup {
  name: string;
  pids: (snapshot: Map<number, ProcTimes>) => number[] | Promise<number[]>;
  reapedBy?: number;
  /**
   * Only each pid's main thread (/proc/<pid>/task/<pid>): a Node process's JavaScript thread, apart
   * from GC and libuv helper threads. A detail of another group: not summed into the machine's split.
   */
  mainThread?: true;
}

function mainThreadTicks(pid: number): number | null {
  try {
    const text = fs.readFileSync(`/proc/${pid}/task/${pid}/stat`, "utf8");
    const rest = text.slice(text.lastIndexOf(")") + 2).split(" ");
    return Number(rest[11]) + Number(rest[12]);
  } catch {
    return null;
  }
}

export interface CpuSample {
  at: number;
  machine: { busy: number; total: number; cores: number };
  groups: Map<string, { perPid: Map<number, number>; reaped: number; detail: boolean }>;
}

export async function sampleCpu(groups: readonly CpuGroup[]): Promise<CpuSample> {
  const snapshot = allProcTimes();
  const out: CpuSample = { at: performance.now(), machine: machineTicks(), groups: new Map() };
  for (const g of groups) {
    const perPid = new Map<number, number>();
    for (const pid of await g.pids(snapshot)) {
      const ticks = g.mainThread ? mainThreadTicks(pid) : (snapshot.get(pid)?.ticks ?? null);
      if (ticks !== null) perPid.set(pid, ticks);
    }
    out.groups.set(g.name, { perPid, reaped: g.reapedBy ? (snapshot.get(g.reapedBy)?.reapedTicks ?? 0) : 0, detail: g.mainThread ?? false });
  }
  return out;
}

export interface CpuSplit {
  seconds: number;
  /** Cores used by each group (CPU seconds per wall second). */
  groups: Array<{ name: string; cores: number; cpuSeconds: number; detail: boolean }>;
  machineCores: number;
  /** Busy cores of the whole machine, and what none of the groups account for (other users). */
  machineBusy: number;
  others: number;
}

export function cpuSplit(before: CpuSample, after: CpuSample): CpuSplit {
  const seconds = (after.at - before.at) / 1000;
  const groups = [...after.groups.entries()].map(([name, end]) => {
    const start = before.groups.get(name) ?? { perPid: new Map<number, number>(), reaped: 0, detail: end.detail };
    const pids = new Set([...start.perPid.keys(), ...end.perPid.keys()]);
    let ticks = end.reaped - start.reaped;
    for (const pid of pids) {
      // A pid gone by the end: its time since the start is in its parent's reaped time (if tracked).
      if (!end.perPid.has(pid)) continue;
      // A pid born during the measurement (a new pool connection's backend) spent all its time in it.
      ticks += end.perPid.get(pid)! - (start.perPid.get(pid) ?? 0);
    }
    const cpuSeconds = ticks / TICKS_PER_SECOND;
    return { name, cpuSeconds, cores: cpuSeconds / seconds, detail: end.detail };
  });
  const machineBusy = (after.machine.busy - before.machine.busy) / TICKS_PER_SECOND / seconds;
  const ours = groups.filter((g) => !g.detail).reduce((s, g) => s + g.cores, 0);
  return { seconds, groups, machineCores: after.machine.cores, machineBusy, others: Math.max(0, machineBusy - ours) };
}

