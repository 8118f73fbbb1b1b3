import { mkdtemp, readdir, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createBenchStream } from "../kinesis/benchStream";
import { createKinesisClient } from "../kinesis/kinesisClient";
import { readProcessMemory, type ProcessMemory } from "../proc/procfs";
import type { SystemResult, WriteScenarioResult } from "../report/types";
import { ServerProcess } from "../servers/ServerProcess";
import type { SystemSpec } from "../servers/systems";
import { Ledger } from "../workload/Ledger";
import { SHARD_COUNT } from "../workload/partitionKeys";
import { plannedRecords, type BenchPlan } from "../workload/plan";
import { checkPartitionKeyOrder, checkShardAssignment, VERIFICATION_CHECKS } from "../verify/orderCheck";
import { Failures, ReadVerifier } from "../verify/ReadVerifier";
import { runReadPhase } from "./readPhase";
import type { StreamTarget } from "./StreamTarget";
import { runWriteScenario, writeRecords } from "./writeScenario";

export interface SystemRunOptions {
  readonly plan: BenchPlan;
  /** Node.js flags for the server process, e.g. --cpu-prof. */
  readonly serverNodeFlags: readonly string[];
  readonly onWrite: (result: WriteScenarioResult) => void;
  readonly log: (line: string) => void;
}

interface RunningSystem {
  readonly spec: SystemSpec;
  readonly server: ServerProcess;
  readonly url: string;
  readonly dataDir: string;
  readonly serverStartMs: number;
  readonly serverMemoryAtStart: ProcessMemory;
}

async function directoryBytes(path: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(path, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) {
      total += (await stat(join(entry.parentPath, entry.name))).size;
    }
  }
  return total;
}

/** One system from start to stop: a fresh server and data directory, the writes, the read, the verification. */
export async function benchSystem(spec: SystemSpec, options: SystemRunOptions): Promise<SystemResult> {
  const dataDir = await mkdtemp(join(tmpdir(), `gpu-stream-bench-${spec.id}-`));
  try {
    const launchedAt = process.hrtime.bigint();
    const { server, url } = await ServerProcess.start(spec.launch(dataDir, options.serverNodeFlags));
    const serverStartMs = Number(process.hrtime.bigint() - launchedAt) / 1e6;
    try {
      return await drive({ spec, server, url, dataDir, serverStartMs, serverMemoryAtStart: readProcessMemory(server.pid) }, options);
    } catch (error) {
      throw new Error(`${spec.name}: ${(error as Error).stack ?? String(error)}\nserver output:\n${server.recentOutput}`);
    } finally {
      const code = await server.stop();
      if (code !== 0 && code !== null) {
        options.log(`${spec.name}: server exited with code ${code}\n${server.recentOutput}`);
      }
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function drive(system: RunningSystem, options: SystemRunOptions): Promise<SystemResult> {
  const { spec, server } = system;
  const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, options.plan.settleMs));
  const setupClient = createKinesisClient(system.url, spec.protocol, 1);
  const stream = await createBenchStream(setupClient, "bench", SHARD_COUNT);
  setupClient.destroy();
  const ledger = new Ledger(plannedRecords(options.plan));
  // A fresh client per phase, its connections sized to the requests it keeps in flight.
  const withTarget = async <T>(concurrency: number, use: (target: StreamTarget) => Promise<T>): Promise<T> => {
    const client = createKinesisClient(system.url, spec.protocol, concurrency);
    try {
      return await use({ client, stream, ledger, serverPid: server.pid });
    } finally {
      client.destroy();
    }
  };

  let next = 0;
  for (const warmUp of options.plan.warmUp) {
    await withTarget(warmUp.concurrency, (target) => writeRecords(target, warmUp, next));
    next += warmUp.records;
  }
  const warmUpRecords = next;
  const writes: WriteScenarioResult[] = [];
  for (const scenario of options.plan.writes) {
    await settle();
    const result = await withTarget(scenario.concurrency, (target) => runWriteScenario(target, scenario, next));
    next += scenario.records;
    writes.push(result);
    options.onWrite(result);
  }
  const serverMemoryAfterWrites = readProcessMemory(server.pid);
  const dataDirBytesAfterWrites = await directoryBytes(system.dataDir);

  await settle();
  const failures = new Failures();
  const verifier = new ReadVerifier(ledger, stream.shards.length, failures);
  const read = await withTarget(stream.shards.length, (target) => runReadPhase(target, verifier));
  const serverMemoryAfterRead = readProcessMemory(server.pid);
  verifier.checkNoneMissing();
  checkShardAssignment(ledger, stream, failures);
  checkPartitionKeyOrder(ledger, verifier.readOrder, failures);

  return {
    system: spec.name,
    id: spec.id,
    protocol: spec.protocol,
    serverStartMs: system.serverStartMs,
    warmUpRecords,
    writes,
    serverMemoryAtStart: system.serverMemoryAtStart,
    serverMemoryAfterWrites,
    dataDirBytesAfterWrites,
    read,
    serverMemoryAfterRead,
    verification: {
      ok: failures.count === 0,
      recordsWritten: ledger.acknowledgedCount,
      recordsRead: verifier.recordsRead,
      failureCount: failures.count,
      failures: failures.messages,
      checks: VERIFICATION_CHECKS,
    },
  };
}
