import type { BenchResults, PhaseFigures, SystemResult } from "./types";
import { formatInteger, formatMiB, formatNumber, formatRatio, markdownTable } from "./format";

const PHASE_HEADER = ["system", "records/s", "MB/s", "p50 ms", "p99 ms", "server µs/record (kernel)", "client µs/record", "server cores", "client cores", "other cores", "bound"];

function phaseCells(system: SystemResult, figures: PhaseFigures): string[] {
  return [
    system.system,
    formatInteger(figures.recordsPerSecond),
    formatNumber(figures.megabytesPerSecond),
    formatNumber(figures.latency.p50Ms),
    formatNumber(figures.latency.p99Ms),
    `${formatNumber(figures.serverCpuUsPerRecord)} (${formatNumber(figures.cpu.serverSystemCpuUs / figures.records)})`,
    formatNumber(figures.clientCpuUsPerRecord),
    formatNumber(figures.cpu.serverCores),
    formatNumber(figures.cpu.clientCores),
    `${formatNumber(figures.cpu.otherCores)}${figures.cpu.noisy ? " **noisy**" : ""}`,
    figures.bound,
  ];
}

function ratioCells(figures: PhaseFigures, reference: PhaseFigures | undefined): string[] {
  return reference === undefined
    ? ["", ""]
    : [formatRatio(figures.recordsPerSecond, reference.recordsPerSecond), formatRatio(figures.serverCpuUsPerRecord, reference.serverCpuUsPerRecord)];
}

function phaseTable(systems: readonly SystemResult[], reference: SystemResult | undefined, pick: (system: SystemResult) => PhaseFigures | undefined): string {
  const referenceFigures = reference === undefined ? undefined : pick(reference);
  const rows = systems.flatMap((system) => {
    const figures = pick(system);
    return figures === undefined ? [] : [[...phaseCells(system, figures), ...(system === reference ? ["1×", "1×"] : ratioCells(figures, referenceFigures))]];
  });
  return markdownTable([...PHASE_HEADER, "records/s vs ref.", "server CPU/record vs ref."], rows);
}

function limitLines(results: BenchResults): string[] {
  const lines: string[] = [];
  for (const system of results.kinesis.systems) {
    const phases: [string, PhaseFigures][] = [...system.writes.map((write): [string, PhaseFigures] => [write.scenario.label, write]), ["GetRecords", system.read]];
    const described = phases.map(([label, figures]) => `${label}: ${figures.bound} (client ${formatNumber(figures.cpu.clientCores)}, server ${formatNumber(figures.cpu.serverCores)}, others ${formatNumber(figures.cpu.otherCores)} cores)`);
    lines.push(`- ${system.system}: ${described.join("; ")}.`);
  }
  return lines;
}

export function kinesisMarkdown(results: BenchResults): string {
  const { kinesis, machine } = results;
  const reference = kinesis.systems.find((system) => system.system === kinesis.referenceSystem);
  const out: string[] = [];
  out.push(`# Kinesis bench: gpu-stream's emulator and kinesalite, ${results.date} (${results.mode} run)`);
  out.push("");
  out.push(
    `Machine: ${machine.cpuModel}, ${machine.cores} cores, ${formatNumber(machine.memoryBytes / 2 ** 30)} GiB; Node.js ${machine.node}; Linux ${machine.kernel}; ` +
      `data directories in ${machine.tempDirFileSystem}. Load average ${machine.loadAverageAtStart.join(" ")} at the start, ${results.loadAverageAtEnd.join(" ")} at the end; ` +
      `the run took ${formatInteger(results.durationSeconds)} s.`,
  );
  out.push("");
  out.push(
    `Each system is a fresh server process on 127.0.0.1 with an empty data directory, driven by the same AWS SDK v3 KinesisClient in this process ` +
      `(maxAttempts 1, so nothing is retried): over HTTP/2 the helper module's client (the SDK's HTTP/2 handler kept on one session, as the notebooks get it; the SDK's default opens a connection per request), or a NodeHttpHandler over keep-alive ` +
      `HTTP/1.1 connections, one per request in flight. Records are ${kinesis.recordBytes}-byte JSON telemetry records over 16 partition keys, ${kinesis.shards} shards. ` +
      `Server CPU is utime + stime of the server process from /proc/<pid>/stat (10 ms ticks); client CPU is this process's getrusage; ` +
      `"other cores" is everything else the machine ran (from /proc/stat), a run is noisy when it exceeds 0.1 core. ` +
      `"bound" names the side that used ≥ 0.85 of a core (Node.js runs JavaScript on one thread), "machine" when all cores were busy, ` +
      `"neither (latency)" when both sides had idle time: each waited on the other (with one request in flight they take turns). ` +
      `Ratios are against ${kinesis.referenceSystem} in this run.`,
  );
  if (kinesis.noisy) {
    out.push("");
    out.push("**This run was noisy**: other processes used more than 0.1 core during at least one phase (marked below); its figures are less reliable.");
  }
  out.push("");
  out.push("## Targets");
  out.push("");
  out.push(
    markdownTable(
      ["target", "system", "figure", "required", "result"],
      kinesis.targets.map((check) => [check.target, check.system, check.figure, check.required, `${check.met === undefined ? "n/a" : check.met ? "met" : "**missed**"}${check.note === undefined ? "" : ` (${check.note})`}`]),
      5,
    ),
  );
  const scenarios = kinesis.systems[0]?.writes.map((write) => write.scenario) ?? [];
  for (const scenario of scenarios) {
    out.push("");
    out.push(`## ${scenario.label}: ${formatInteger(scenario.records)} records, ${scenario.api === "PutRecords" ? `${scenario.batchSize} a request, ` : ""}${scenario.concurrency} request${scenario.concurrency > 1 ? "s" : ""} in flight`);
    out.push("");
    out.push(phaseTable(kinesis.systems, reference, (system) => system.writes.find((write) => write.scenario.id === scenario.id)));
  }
  const read = kinesis.systems[0]?.read;
  out.push("");
  out.push(`## GetRecords: draining everything written, ${read?.readers ?? 4} shards read at once, Limit ${read?.getRecordsLimit ?? 10000}`);
  out.push("");
  out.push(phaseTable(kinesis.systems, reference, (system) => system.read));
  out.push("");
  out.push("Client µs/record includes checking each record (regenerating it and comparing): " + kinesis.systems.map((system) => `${system.system} ${formatNumber(system.read.verificationCpuUs / Math.max(1, system.read.records))} µs`).join(", ") + ".");
  out.push("");
  out.push("## Memory, disk, start");
  out.push("");
  out.push(
    markdownTable(
      ["system", "records written", "RSS at start MiB", "RSS after writes MiB", "of which private MiB", "peak RSS MiB", "RSS after reading MiB", "data on disk MiB", "server start ms"],
      kinesis.systems.map((system) => [
        system.system,
        formatInteger(system.verification.recordsWritten),
        formatMiB(system.serverMemoryAtStart.rssBytes),
        formatMiB(system.serverMemoryAfterWrites.rssBytes),
        formatMiB(system.serverMemoryAfterWrites.anonymousBytes),
        formatMiB(system.serverMemoryAfterWrites.peakRssBytes),
        formatMiB(system.serverMemoryAfterRead.rssBytes),
        formatMiB(system.dataDirBytesAfterWrites),
        formatInteger(system.serverStartMs),
      ]),
    ),
  );
  out.push("");
  out.push(
    `Records written include ${formatInteger(kinesis.systems[0]?.warmUpRecords ?? 0)} warm-up records per system, verified but not timed. ` +
      "RSS is VmRSS from /proc/<pid>/status; \"private\" is its RssAnon (heaps), the rest is mapped files such as the node binary and, in gpu-stream, DuckDB's library. " +
      "Server start: from spawn to answering (gpu-stream: /_emulator/health), not a cold-start measurement.",
  );
  out.push("");
  out.push("## Where the limit is");
  out.push("");
  out.push(...limitLines(results));
  out.push("");
  out.push("## Verification");
  out.push("");
  out.push(
    markdownTable(
      ["system", "written", "read", "result"],
      kinesis.systems.map((system) => [
        system.system,
        formatInteger(system.verification.recordsWritten),
        formatInteger(system.verification.recordsRead),
        system.verification.ok ? "intact" : `**${system.verification.failureCount} failures**: ${system.verification.failures.slice(0, 3).join("; ")}`,
      ]),
    ),
  );
  out.push("");
  out.push("Checked for every record:");
  out.push(...(kinesis.systems[0]?.verification.checks ?? []).map((check) => `- ${check}`));
  return out.join("\n") + "\n";
}
