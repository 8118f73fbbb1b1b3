import { cpus } from "node:os";
import type { CpuFigures } from "../proc/CpuMeter";
import type { Bound, PhaseFigures } from "../report/types";
import { summarizeLatencies } from "../stats/percentiles";
import { RECORD_BYTES } from "../workload/records";

/** A single-threaded Node.js process using this much of a core is as busy as it can be. */
const SATURATED_CORES = 0.85;

export function boundOf(cpu: CpuFigures, cores = cpus().length): Bound {
  const client = cpu.clientCores >= SATURATED_CORES;
  const server = cpu.serverCores >= SATURATED_CORES;
  if (client && server) {
    return "client and server";
  }
  if (client) {
    return "client";
  }
  if (server) {
    return "server";
  }
  if (cpu.clientCores + cpu.serverCores + cpu.otherCores >= 0.9 * cores) {
    return "machine";
  }
  return "neither (latency)";
}

export function phaseFigures(records: number, requests: number, latenciesUs: Float64Array, cpu: CpuFigures): PhaseFigures {
  return {
    records,
    requests,
    recordsPerSecond: records / cpu.wallSeconds,
    megabytesPerSecond: (records * RECORD_BYTES) / cpu.wallSeconds / 1e6,
    latency: summarizeLatencies(latenciesUs),
    cpu,
    serverCpuUsPerRecord: cpu.serverCpuUs / records,
    clientCpuUsPerRecord: cpu.clientCpuUs / records,
    bound: boundOf(cpu),
  };
}
