import { readFileSync } from "node:fs";

/** Linux reports process and system CPU time in clock ticks; `getconf CLK_TCK` is 100 on every kernel we run on. */
export const CLOCK_TICKS_PER_SECOND = 100;

export function ticksToMicroseconds(ticks: number): number {
  return (ticks * 1_000_000) / CLOCK_TICKS_PER_SECOND;
}

export interface ProcessCpuTicks {
  /** utime: running the process's own code, all threads. */
  readonly user: number;
  /** stime: the kernel working for it (system calls: sockets, files). */
  readonly system: number;
}

/** CPU time of every thread of the process, in clock ticks, from `/proc/<pid>/stat`. */
export function readProcessCpuTicks(pid: number | "self"): ProcessCpuTicks {
  const text = readFileSync(`/proc/${pid}/stat`, "utf8");
  // The command name (field 2) is in parentheses and may itself contain spaces or parentheses.
  const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
  // fields[0] is field 3 (state), so utime (field 14) and stime (field 15) are at 11 and 12.
  return { user: Number(fields[11]), system: Number(fields[12]) };
}

export interface ProcessMemory {
  /** Resident set size now, bytes. */
  readonly rssBytes: number;
  /** The resident set's high-water mark, bytes. */
  readonly peakRssBytes: number;
  /** Of the resident set, private memory (heaps): what grows with the data a server holds. */
  readonly anonymousBytes: number;
  /** Of the resident set, mapped files (the node binary, native libraries): shared, and dropped under pressure. */
  readonly fileBytes: number;
}

export function readProcessMemory(pid: number): ProcessMemory {
  const text = readFileSync(`/proc/${pid}/status`, "utf8");
  const kib = (name: string): number => {
    const match = new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(text);
    if (match === null) {
      throw new Error(`/proc/${pid}/status has no ${name}`);
    }
    return Number(match[1]) * 1024;
  };
  return { rssBytes: kib("VmRSS"), peakRssBytes: kib("VmHWM"), anonymousBytes: kib("RssAnon"), fileBytes: kib("RssFile") };
}

export interface SystemCpuTicks {
  /** Ticks spent running anything, all CPUs together (user, nice, system, irq, softirq, steal). */
  readonly busy: number;
  /** Of which the hypervisor gave to other guests: busy for the host, lost to us. */
  readonly steal: number;
}

export function readSystemCpuTicks(): SystemCpuTicks {
  const line = readFileSync("/proc/stat", "utf8").split("\n", 1)[0]!;
  const [, user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).map(Number) as number[];
  return { busy: user! + nice! + system! + irq! + softirq! + steal!, steal: steal! };
}

export function readLoadAverage(): [number, number, number] {
  const [one, five, fifteen] = readFileSync("/proc/loadavg", "utf8").split(" ").map(Number);
  return [one!, five!, fifteen!];
}
