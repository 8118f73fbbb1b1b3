import { REFERENCE_SYSTEM_ID } from "../servers/systems";
import { formatMiB, formatNumber, formatRatio } from "./format";
import type { SystemResult, TargetCheck, WriteScenarioResult } from "./types";

const MIB = 1024 * 1024;
/** The RSS target is for a million records; a run that wrote far fewer does not test it. */
const RSS_TARGET_RECORDS = 1_000_000;
const RSS_TARGET_MIB = 150;

/** Issue 18: server CPU per record written at most 1/12 of kinesalite's, per record read at most 1/10. */
const WRITE_CPU_FRACTION = 12;
const READ_CPU_FRACTION = 10;

function cpuPerRecordTarget(target: string, system: string, ours: number, theirs: number, fraction: number): TargetCheck {
  return {
    target,
    system,
    figure: `${formatNumber(ours)} µs vs ${formatNumber(theirs)} µs (${formatRatio(ours, theirs)})`,
    required: `≤ ${formatNumber(theirs / fraction)} µs (1/${fraction})`,
    met: ours <= theirs / fraction,
  };
}

/** Issue 18: PutRecord with one request in flight at least as fast over HTTP/2 (the helper module's client) as over HTTP/1.1. */
function http2PaceTarget(systems: readonly SystemResult[]): TargetCheck | undefined {
  const http2 = systems.find((system) => system.id === "gpu-stream-h2");
  const http1 = systems.find((system) => system.id === "gpu-stream-h1");
  const http2Write = http2?.writes.find((write) => write.scenario.api === "PutRecord" && write.scenario.concurrency === 1);
  const http1Write = http1?.writes.find((write) => write.scenario.id === http2Write?.scenario.id);
  if (http2 === undefined || http2Write === undefined || http1Write === undefined) {
    return undefined;
  }
  return {
    target: `throughput over HTTP/2 vs HTTP/1.1, ${http2Write.scenario.label}`,
    system: http2.system,
    figure: `${formatNumber(http2Write.recordsPerSecond)} vs ${formatNumber(http1Write.recordsPerSecond)} records/s (${formatRatio(http2Write.recordsPerSecond, http1Write.recordsPerSecond)})`,
    required: `≥ ${formatNumber(http1Write.recordsPerSecond)} records/s (1×)`,
    met: http2Write.recordsPerSecond >= http1Write.recordsPerSecond,
    note: `server ${formatNumber(http2Write.serverCpuUsPerRecord)} vs ${formatNumber(http1Write.serverCpuUsPerRecord)} µs, client ${formatNumber(http2Write.clientCpuUsPerRecord)} vs ${formatNumber(http1Write.clientCpuUsPerRecord)} µs per record`,
  };
}

function scenarioOf(result: SystemResult, id: string): WriteScenarioResult | undefined {
  return result.writes.find((write) => write.scenario.id === id);
}

/** The targets, for each gpu-stream system against kinesalite in memory measured in the same run. */
export function evaluateTargets(systems: readonly SystemResult[]): TargetCheck[] {
  const reference = systems.find((system) => system.id === REFERENCE_SYSTEM_ID);
  const checks: TargetCheck[] = [];
  for (const ours of systems.filter((system) => system.id.startsWith("gpu-stream"))) {
    if (reference !== undefined) {
      for (const write of ours.writes) {
        const theirs = scenarioOf(reference, write.scenario.id);
        if (theirs === undefined) {
          continue;
        }
        const check = cpuPerRecordTarget(`server CPU per record written, ${write.scenario.label}`, ours.system, write.serverCpuUsPerRecord, theirs.serverCpuUsPerRecord, WRITE_CPU_FRACTION);
        // The target is a fraction of kinesalite's cost per record in PutRecords x500; with one record a request,
        // both servers spend nearly all of it in Node.js's HTTP handling of the request, which no server code removes.
        checks.push(write.scenario.api === "PutRecords" ? check : { ...check, met: undefined, note: "context, not the target: one record a request costs a whole HTTP request in both servers" });
      }
      checks.push(cpuPerRecordTarget("server CPU per record read (GetRecords)", ours.system, ours.read.serverCpuUsPerRecord, reference.read.serverCpuUsPerRecord, READ_CPU_FRACTION));
      for (const write of ours.writes.filter((candidate) => candidate.scenario.api === "PutRecords")) {
        const theirs = scenarioOf(reference, write.scenario.id)!;
        checks.push({
          target: `throughput, ${write.scenario.label}`,
          system: ours.system,
          figure: `${formatNumber(write.recordsPerSecond)} vs ${formatNumber(theirs.recordsPerSecond)} records/s (${formatRatio(write.recordsPerSecond, theirs.recordsPerSecond)})`,
          required: `≥ ${formatNumber(theirs.recordsPerSecond * 3)} records/s (3×)`,
          met: write.recordsPerSecond >= 3 * theirs.recordsPerSecond,
          note: `bound: ${write.bound} (client ${formatNumber(write.cpu.clientCores)} cores, server ${formatNumber(write.cpu.serverCores)})`,
        });
      }
    }
    const written = ours.verification.recordsWritten;
    const enough = written >= 0.9 * RSS_TARGET_RECORDS;
    checks.push({
      target: "server RSS after writing 1M records",
      system: ours.system,
      figure: `${formatMiB(ours.serverMemoryAfterWrites.rssBytes)} MiB after ${written.toLocaleString("en-US")} records (${formatMiB(ours.serverMemoryAtStart.rssBytes)} MiB at start)`,
      required: `≤ ${RSS_TARGET_MIB} MiB`,
      met: enough ? ours.serverMemoryAfterWrites.rssBytes <= RSS_TARGET_MIB * MIB : undefined,
      ...(enough ? {} : { note: "this run wrote too few records" }),
    });
  }
  const pace = http2PaceTarget(systems);
  return pace === undefined ? checks : [...checks, pace];
}
