/**
 * `npm run bench`: gpu-stream's Kinesis emulator side by side with kinesalite, same client, same machine, same run;
 * then the emulator-only scenarios. Writes bench/results/<date>.json and .md (quick-<date>.* with --quick).
 * Exits 1 when a record did not come back intact. Never asserts a timing: targets are reported, met or missed.
 */
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseOptions, USAGE, UsageError, type BenchOptions } from "./cli/options";
import { formatEmulatorOnlyMarkdown, runColdStartScenario, runEmulatorOnlyScenarios, type EmulatorOnlyResults } from "./emulatorOnly";
import { describeMachine } from "./proc/machine";
import { readLoadAverage } from "./proc/procfs";
import { ConsoleTable } from "./report/consoleTable";
import { kinesisMarkdown } from "./report/markdown";
import { evaluateTargets } from "./report/targets";
import type { BenchResults, KinesisBenchResults, SystemResult } from "./report/types";
import { writeResults } from "./report/writeResults";
import { benchSystem } from "./scenarios/benchSystem";
import { REFERENCE_SYSTEM_ID, SYSTEMS } from "./servers/systems";
import { SHARD_COUNT } from "./workload/partitionKeys";
import { benchPlan } from "./workload/plan";
import { RECORD_BYTES } from "./workload/records";

const log = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

async function runKinesis(options: BenchOptions): Promise<KinesisBenchResults> {
  const plan = benchPlan(options.quick);
  const systems = SYSTEMS.filter((system) => options.systems.length === 0 || options.systems.some((wanted) => system.id.includes(wanted)));
  const table = new ConsoleTable(log);
  table.header();
  const results: SystemResult[] = [];
  const profileRoot = options.cpuProfile ? await mkdtemp(join(tmpdir(), "gpu-stream-bench-profiles-")) : undefined;
  for (const system of systems) {
    const profileDir = profileRoot === undefined ? undefined : join(profileRoot, system.id);
    const result = await benchSystem(system, {
      plan,
      serverNodeFlags: profileDir === undefined ? [] : ["--cpu-prof", `--cpu-prof-dir=${profileDir}`],
      onWrite: (write) => table.row(`${system.name} ${write.scenario.label}`, write),
      log,
    });
    table.row(`${system.name} GetRecords`, result.read);
    log(`${system.name}: ${result.verification.ok ? "all" : "NOT all"} ${result.verification.recordsWritten} records read back intact` + (result.verification.ok ? "" : `: ${result.verification.failureCount} failures, e.g.\n  ${result.verification.failures.join("\n  ")}`));
    results.push(result);
  }
  if (profileRoot !== undefined) {
    log(`server CPU profiles (written when each server stopped): ${profileRoot}/<system>/*.cpuprofile`);
  }
  const phases = results.flatMap((system) => [...system.writes, system.read]);
  return {
    mode: options.quick ? "quick" : "full",
    recordBytes: RECORD_BYTES,
    shards: SHARD_COUNT,
    referenceSystem: SYSTEMS.find((system) => system.id === REFERENCE_SYSTEM_ID)!.name,
    systems: results,
    targets: evaluateTargets(results),
    noisy: phases.some((phase) => phase.cpu.noisy),
  };
}

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  if (argv.includes("--help") || argv.includes("-h")) {
    process.stdout.write(USAGE);
    return 0;
  }
  const options = parseOptions(argv);
  const startedAt = new Date();
  const machine = describeMachine();
  log(`bench (${options.quick ? "quick" : "full"}): ${machine.cpuModel}, ${machine.cores} cores, Node.js ${machine.node}, load average ${machine.loadAverageAtStart.join(" ")}`);
  // Cold start first, on the machine as it was when the bench began: right after the Kinesis comparison the same
  // start measured 142-188 ms where it measures 117-127 ms before it or a minute after (this VM reclaims the memory
  // the servers touched, and a new process's page faults then cost more).
  const coldStart = options.kinesisOnly ? undefined : await runColdStartScenario({ quick: options.quick, log });
  const kinesis = await runKinesis(options);
  for (const check of kinesis.targets) {
    log(`target ${check.met === undefined ? "n/a   " : check.met ? "met   " : "MISSED"} ${check.system}: ${check.target}: ${check.figure}, required ${check.required}`);
  }

  let emulatorOnly: EmulatorOnlyResults | undefined;
  let emulatorOnlyError: string | undefined;
  if (!options.kinesisOnly) {
    try {
      emulatorOnly = await runEmulatorOnlyScenarios({ quick: options.quick, log }, coldStart);
    } catch (error) {
      emulatorOnlyError = (error as Error).stack ?? String(error);
      log(`emulator-only scenarios failed: ${emulatorOnlyError}`);
    }
  }

  const date = startedAt.toISOString().slice(0, 10);
  const results: BenchResults = {
    date,
    startedAt: startedAt.toISOString(),
    durationSeconds: (Date.now() - startedAt.getTime()) / 1000,
    mode: options.quick ? "quick" : "full",
    machine,
    loadAverageAtEnd: readLoadAverage(),
    kinesis,
    ...(emulatorOnly === undefined ? {} : { emulatorOnly }),
    ...(emulatorOnlyError === undefined ? {} : { emulatorOnlyError }),
  };
  let markdown = kinesisMarkdown(results);
  if (emulatorOnly !== undefined) {
    markdown += `\n${formatEmulatorOnlyMarkdown(emulatorOnly).trimEnd()}\n`;
  } else if (emulatorOnlyError !== undefined) {
    markdown += `\n## Emulator-only scenarios\n\nFailed: ${emulatorOnlyError.split("\n")[0]}\n`;
  }
  const written = await writeResults(options.outDir, `${options.quick ? "quick-" : ""}${date}`, results, markdown);
  log(`results: ${written.json}, ${written.markdown}${kinesis.noisy ? " (NOISY: other processes used > 0.1 core during some phase)" : ""}`);
  const intact = kinesis.systems.every((system) => system.verification.ok);
  return intact && emulatorOnlyError === undefined ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`bench: ${error.message}\n${USAGE}`);
      process.exitCode = 2;
      return;
    }
    process.stderr.write(`bench: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 1;
  },
);
