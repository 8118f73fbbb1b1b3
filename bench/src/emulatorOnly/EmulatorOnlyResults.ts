/** Every figure of the emulator-only scenarios, JSON-able; units are in the field names. */
export interface EmulatorOnlyResults {
  readonly quick: boolean;
  readonly machine: MachineState;
  readonly coldStart: ColdStartResults | ScenarioFailure;
  readonly fidelityCosts: FidelityCostResults | ScenarioFailure;
  readonly freshness: FreshnessResults | ScenarioFailure;
  readonly sql: SqlResults | ScenarioFailure;
  readonly npmStart: NpmStartResults | ScenarioFailure;
}

export interface MachineState {
  readonly node: string;
  readonly cpus: number;
  readonly loadAverage1mAtStart: number;
  readonly loadAverage1mAtEnd: number;
}

/** A scenario that threw: the others still run and report. */
export interface ScenarioFailure {
  readonly failed: true;
  readonly error: string;
  readonly durationMs: number;
}

/** What every scenario reports about its own run. */
export interface ScenarioRun {
  readonly durationMs: number;
  /** The 1-minute load average when the scenario started: above the core count, other work competed for the CPUs. */
  readonly loadAverage1mAtStart: number;
}

export interface ColdStartResults extends ScenarioRun {
  readonly runs: number;
  /** Process spawn to the first successful Kinesis ListStreams through the SDK, one per run. */
  readonly samplesMs: readonly number[];
  readonly medianMs: number;
  /** Process spawn to the CLI's "listening" banner on stdout. */
  readonly bannerMedianMs: number;
  /** The first spawn (cold page cache, cold SDK in this process), not in the median. */
  readonly discardedFirstRunMs: number;
  /** NODE_EXTRA_CA_CERTS was set here: node then parses that CA bundle at every process start. */
  readonly nodeExtraCaCertsSet: boolean;
  /** The same runs with NODE_EXTRA_CA_CERTS removed from the emulator's environment; null when it was not set. */
  readonly withoutExtraCaCertsMedianMs: number | null;
  /** Those runs, one per run; null when it was not set. */
  readonly withoutExtraCaCertsSamplesMs: readonly number[] | null;
  /** VmRSS of the emulator (/proc/<pid>/status) once it answered its first request, idle, one per run. */
  readonly idleRssBytes: readonly number[];
  readonly idleRssMedianBytes: number;
  /** On withoutExtraCaCertsMedianMs when NODE_EXTRA_CA_CERTS was set, else on medianMs (issue 18: a machine without it). */
  readonly targetMs: number;
  readonly met: boolean;
}

/** One operation timed in this process over many iterations, in batches (a sample is a batch's time per operation). */
export interface OperationCost {
  readonly operation: string;
  readonly iterations: number;
  /** Operations per timed sample: calls under a microsecond are timed a batch at a time. */
  readonly batch: number;
  /** performance.now() per operation, over the samples. */
  readonly medianUs: number;
  readonly p95Us: number;
  /** process.cpuUsage() (user + system) over all iterations, per operation. */
  readonly cpuUs: number;
}

/** One course statement through Athena's front end: parsing (Trino's grammar) and analysis (the plan, DuckDB's SQL). */
export interface SqlFrontEndCost {
  readonly name: string;
  /** The first parse of this statement in the process, before the timed ones (the first statement's includes loading the grammar). */
  readonly firstParseMs: number;
  readonly parse: OperationCost;
  readonly analysis: OperationCost;
}

/** What each fidelity feature costs, measured in this process on the emulator's own functions. */
export interface FidelityCostResults extends ScenarioRun {
  /** The Host check (DNS rebinding) and the cross-origin check, on one request's headers. */
  readonly requestChecks: readonly OperationCost[];
  /** The Firehose role's policies deciding what a delivery does. */
  readonly deliveryPolicy: readonly OperationCost[];
  /** The course's sql/*.sql, parse and analysis apart; execution is the SQL scenario's. */
  readonly sqlFrontEnd: readonly SqlFrontEndCost[];
}

export interface FreshnessResults extends ScenarioRun {
  readonly records: number;
  readonly bufferIntervalSeconds: 0;
  /** PutRecord acknowledged to the Athena query that first returns the record, one per record. */
  readonly samplesMs: readonly number[];
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  /** Athena queries it took per record (the last one found it). */
  readonly pollsMedian: number;
  /** One polling query's round trip (start, wait, results): the resolution of the measurement. */
  readonly queryMedianMs: number;
  /** No target was set for freshness; reported for comparison with the peers. */
  readonly targetMs: null;
}

export interface SqlQueryComparison {
  readonly name: string;
  /** Start -> SUCCEEDED -> results fetched, through the SDK, one per run. */
  readonly emulatorEndToEndMs: readonly number[];
  readonly emulatorEndToEndMedianMs: number;
  /** QueryExecution Statistics.EngineExecutionTimeInMillis (RUNNING to done, result CSV written). */
  readonly emulatorEngineMs: readonly number[];
  readonly emulatorEngineMedianMs: number;
  /** Statistics.QueryPlanningTimeInMillis (finding the objects, parsing aside, and the Trino analysis), within the engine's time. */
  readonly emulatorPlanningMedianMs: number;
  /** The same SQL on DuckDB in this process over the same files, one per run. */
  readonly duckdbMs: readonly number[];
  readonly duckdbMedianMs: number;
  readonly ratioEndToEnd: number;
  readonly ratioEngine: number;
  readonly targetRatio: number;
  /** On the end-to-end ratio: what a user waits for. */
  readonly met: boolean;
}

export interface SqlResults extends ScenarioRun {
  readonly records: number;
  readonly objects: number;
  readonly hourFolders: number;
  readonly objectBytes: number;
  /** Generating the objects and PutObject through the SDK. */
  readonly loadMs: number;
  readonly crawlMs: number;
  /** Timed runs per query and engine, after one untimed warm-up each. */
  readonly runs: number;
  /** metric_stats' counts per tipo and the CTAS row count are the same on both engines. */
  readonly resultsAgree: boolean;
  readonly queries: readonly SqlQueryComparison[];
}

export interface NpmStartStep {
  readonly step: string;
  readonly seconds: number;
}

export interface NpmStartResults extends ScenarioRun {
  readonly command: string;
  readonly exitCode: number | null;
  readonly wallMs: number;
  /** From <out>/run/summary.json. */
  readonly summaryTotalSeconds: number;
  readonly steps: readonly NpmStartStep[];
  readonly recordsProduced: number;
  readonly consistent: boolean;
  readonly targetMs: number;
  readonly met: boolean;
}

export function isFailure(result: object): result is ScenarioFailure {
  return (result as Partial<ScenarioFailure>).failed === true;
}
