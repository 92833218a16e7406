import fs from "node:fs";

/** Resident memory (MB) of a process and its descendants, read from /proc (Linux). */
export function treeRssMb(pid: number): number {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      /* gone meanwhile */
    }
  }
  let kb = 0;
  const visit = (p: number) => {
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${p}/status`, "utf8"));
      kb += Number(m?.[1] ?? 0);
    } catch {
      return;
    }
    for (const c of children.get(p) ?? []) visit(c);
  };
  visit(pid);
  return kb / 1024;
}

/** Samples treeRssMb(pid) every `everyMs` until stopped; reports the peak and the samples. */
export function sampleRss(pid: number, everyMs = 100) {
  const samples: number[] = [];
  const timer = setInterval(() => samples.push(treeRssMb(pid)), everyMs);
  samples.push(treeRssMb(pid));
  return {
    stop() {
      clearInterval(timer);
      samples.push(treeRssMb(pid));
      return { peak: Math.max(...samples), samples };
    },
  };
}
