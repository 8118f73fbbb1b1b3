import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { cpus, release, totalmem, tmpdir } from "node:os";
import { readLoadAverage } from "./procfs";

export interface MachineDescription {
  readonly cpuModel: string;
  readonly cores: number;
  readonly memoryBytes: number;
  readonly node: string;
  readonly kernel: string;
  /** Where the servers keep their data: the file system matters for the on-disk peer. */
  readonly tempDirFileSystem: string;
  /** 1, 5 and 15 minute load averages when the run started. */
  readonly loadAverageAtStart: [number, number, number];
}

function fileSystemOf(path: string): string {
  try {
    return execFileSync("df", ["--output=fstype", path], { encoding: "utf8" }).trim().split("\n").pop() ?? "unknown";
  } catch {
    return "unknown";
  }
}

function cpuModel(): string {
  const fromOs = cpus()[0]?.model;
  if (fromOs !== undefined && fromOs !== "") {
    return fromOs;
  }
  const match = /^model name\s*:\s*(.+)$/m.exec(readFileSync("/proc/cpuinfo", "utf8"));
  return match?.[1] ?? "unknown";
}

export function describeMachine(): MachineDescription {
  return {
    cpuModel: cpuModel(),
    cores: cpus().length,
    memoryBytes: totalmem(),
    node: process.version,
    kernel: release(),
    tempDirFileSystem: `${tmpdir()} on ${fileSystemOf(tmpdir())}`,
    loadAverageAtStart: readLoadAverage(),
  };
}
