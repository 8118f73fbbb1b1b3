import type { EmulatorOnlyResults } from "../emulatorOnly";
import type { CpuFigures } from "../proc/CpuMeter";
import type { MachineDescription } from "../proc/machine";
import type { ProcessMemory } from "../proc/procfs";
import type { LatencySummary } from "../stats/percentiles";

/** Which resource set the pace: a side is saturated when it used most of a core (Node.js runs JavaScript on one). */
export type Bound = "client" | "server" | "client and server" | "machine" | "neither (latency)";

export interface PhaseFigures {
  readonly records: number;
  readonly requests: number;
  readonly recordsPerSecond: number;
  /** Record payload only, 10^6 bytes per second. */
  readonly megabytesPerSecond: number;
  readonly latency: LatencySummary;
  readonly cpu: CpuFigures;
  readonly serverCpuUsPerRecord: number;
  readonly clientCpuUsPerRecord: number;
  readonly bound: Bound;
}

export interface WriteScenarioSpec {
  /** e.g. putrecord-c1 */
  readonly id: string;
  /** e.g. PutRecord c=1 */
  readonly label: string;
  readonly api: "PutRecord" | "PutRecords";
  readonly batchSize: number;
  readonly concurrency: number;
  readonly records: number;
}

export interface WriteScenarioResult extends PhaseFigures {
  readonly scenario: WriteScenarioSpec;
  readonly serverRssBytesAfter: number;
}

export interface ReadPhaseResult extends PhaseFigures {
  /** Shards drained at once, one reader each. */
  readonly readers: number;
  readonly getRecordsLimit: number;
  /** Of the client's CPU, the part spent checking records (regenerating and comparing them). */
  readonly verificationCpuUs: number;
}

export interface VerificationResult {
  readonly ok: boolean;
  readonly recordsWritten: number;
  readonly recordsRead: number;
  readonly failureCount: number;
  /** The first few failures, for the reader. */
  readonly failures: readonly string[];
  /** What was checked, in words. */
  readonly checks: readonly string[];
}

export interface SystemResult {
  readonly system: string;
  readonly id: string;
  readonly protocol: string;
  readonly serverStartMs: number;
  readonly warmUpRecords: number;
  readonly writes: readonly WriteScenarioResult[];
  /** Once it answered, before the bench's stream was created. */
  readonly serverMemoryAtStart: ProcessMemory;
  readonly serverMemoryAfterWrites: ProcessMemory;
  readonly dataDirBytesAfterWrites: number;
  readonly read: ReadPhaseResult;
  readonly serverMemoryAfterRead: ProcessMemory;
  readonly verification: VerificationResult;
}

export interface TargetCheck {
  readonly target: string;
  readonly system: string;
  readonly figure: string;
  readonly required: string;
  /** undefined: not evaluated in this run (e.g. quick mode writes too few records). */
  readonly met: boolean | undefined;
  readonly note?: string;
}

export interface KinesisBenchResults {
  readonly mode: "full" | "quick";
  readonly recordBytes: number;
  readonly shards: number;
  readonly referenceSystem: string;
  readonly systems: readonly SystemResult[];
  readonly targets: readonly TargetCheck[];
  readonly noisy: boolean;
}

export interface BenchResults {
  readonly date: string;
  readonly startedAt: string;
  readonly durationSeconds: number;
  readonly mode: "full" | "quick";
  readonly machine: MachineDescription;
  readonly loadAverageAtEnd: [number, number, number];
  readonly kinesis: KinesisBenchResults;
  readonly emulatorOnly?: EmulatorOnlyResults;
  readonly emulatorOnlyError?: string;
}
