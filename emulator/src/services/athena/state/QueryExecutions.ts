import { randomUUID } from "node:crypto";
import { rm } from "node:fs/promises";
import { join } from "node:path";
import type { QueryExecution } from "@aws-sdk/client-athena";
import type { GlueCatalog } from "../../glue/GlueCatalog";
import type { S3Objects } from "../../s3/S3Objects";
import { errorTypeOf } from "../errors/athenaErrorTypes";
import { invalidRequest, QueryError } from "../errors/athenaErrors";
import type { DirectJsonScans } from "../scan/directJsonScan";
import type { DuckEngine } from "../engine/DuckEngine";
import { LocalPaths } from "../engine/LocalPaths";
import { resultCsv } from "./resultCsv";
import { parseS3Location, type S3Location } from "../scan/s3Location";
import { parseAthenaStatementOffThread } from "../sql/parseOffThread";
import { StatementRefused, type AthenaStatement } from "../sql/parseStatement";
import { SqlSyntaxError } from "../sql/SqlSyntaxError";
import { checkAtStart } from "../statements/checkAtStart";
import { classifyStatement, type StatementClass } from "../statements/classifyStatement";
import type { PlanningTime, StatementResult } from "../statements/StatementContext";

/**
 * The statement engine (analyzer, function library, writers), loaded on the first query as DuckDB is: 50 ms of
 * module loading and its heap, which a user who never queries should not pay before the emulator listens.
 */
function statementEngine(): typeof import("../statements/runStatement") {
  return require("../statements/runStatement") as typeof import("../statements/runStatement");
}

type State = "QUEUED" | "RUNNING" | "SUCCEEDED" | "FAILED" | "CANCELLED";

interface Outcome {
  state: "SUCCEEDED" | "FAILED" | "CANCELLED";
  failure?: QueryError;
}

function asQueryError(error: unknown): QueryError {
  if (error instanceof QueryError) return error;
  return new QueryError("GENERIC_INTERNAL_ERROR", error instanceof Error ? error.message : String(error), 1);
}

export interface Execution {
  readonly id: string;
  readonly query: string;
  readonly workGroup: string;
  readonly database: string;
  readonly catalog: string;
  readonly outputLocation: S3Location;
  readonly statement: AthenaStatement;
  readonly kind: StatementClass;
  readonly enforcedOutputLocation: boolean;
  readonly submittedMs: number;
  state: State;
  startedMs?: number;
  completedMs?: number;
  failure?: QueryError;
  /** Aborted by StopQueryExecution (or the emulator stopping): the statement's reading and DuckDB's work stop. */
  readonly cancellation: AbortController;
  result?: StatementResult;
  /** Finding the objects read and analysing the statement (StatementContext.ts, PlanningTime). */
  readonly planning: PlanningTime;
  /** The result's URI as QueryExecution reports it: `<id>.csv`, `<id>.txt`, `<id>` or `tables/<id>`. */
  readonly resultUri: string;
}

export interface StartQuery {
  readonly query: string;
  readonly workGroup: string;
  readonly database: string | undefined;
  readonly catalog: string | undefined;
  readonly outputLocation: string;
  readonly enforcedOutputLocation: boolean;
}

export interface ExecutionDependencies {
  readonly s3: S3Objects;
  readonly catalog: GlueCatalog;
  readonly engine: DuckEngine;
  readonly directJsonScans: DirectJsonScans;
  /** Per-query scratch folders go here (DuckDB may read and write it). */
  readonly workDirectory: string;
  /** Folders whose paths no error message may show (see LocalPaths). */
  readonly hiddenDirectories: readonly string[];
  readonly now: () => number;
}

/**
 * Athena's query executions. StartQueryExecution parses the statement at once and refuses one it cannot parse
 * (InvalidRequestException, MALFORMED_QUERY, Athena's words) before any execution exists; the rest run
 * asynchronously QUEUED -> RUNNING -> SUCCEEDED / FAILED / CANCELLED on the shared DuckDB engine. Executions live
 * in memory: a restarted emulator forgets them (their results stay in S3).
 */
export class QueryExecutions {
  private readonly executions = new Map<string, Execution>();
  private readonly pending = new Set<Promise<void>>();

  constructor(private readonly dependencies: ExecutionDependencies) {}

  async start(input: StartQuery): Promise<Execution> {
    const outputLocation = parseS3Location(input.outputLocation);
    if (outputLocation === undefined) throw invalidRequest("outputLocation is not a valid S3 path.");
    let statement: AthenaStatement;
    try {
      statement = await parseAthenaStatementOffThread(input.query);
    } catch (error) {
      if (error instanceof SqlSyntaxError || error instanceof StatementRefused) throw invalidRequest(error.message, "MALFORMED_QUERY");
      throw error;
    }
    const database = (input.database ?? "default").toLowerCase();
    checkAtStart(statement, database, this.dependencies.catalog);
    const id = randomUUID();
    const kind = classifyStatement(statement);
    const base = `s3://${outputLocation.bucket}/${outputLocation.prefix}`;
    const resultUri = kind.result === "csv" ? `${base}${id}.csv` : kind.result === "txt" ? `${base}${id}.txt` : kind.result === "tables" ? `${base}tables/${id}` : `${base}${id}`;
    const execution: Execution = {
      id,
      query: statement.text.trim(),
      workGroup: input.workGroup,
      database,
      catalog: input.catalog ?? "AwsDataCatalog",
      outputLocation,
      statement,
      kind,
      enforcedOutputLocation: input.enforcedOutputLocation,
      submittedMs: this.dependencies.now(),
      state: "QUEUED",
      cancellation: new AbortController(),
      planning: { ms: 0 },
      resultUri,
    };
    this.executions.set(id, execution);
    const running = new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.run(execution));
    this.pending.add(running);
    void running.finally(() => this.pending.delete(running));
    return execution;
  }

  get(id: string): Execution {
    const execution = this.executions.get(id);
    if (execution === undefined) throw invalidRequest(`QueryExecution ${id} was not found`, "QUERY_EXECUTION_NOT_FOUND");
    return execution;
  }

  find(id: string): Execution | undefined {
    return this.executions.get(id);
  }

  /** Newest first, as Athena lists them. */
  list(workGroup: string): Execution[] {
    return [...this.executions.values()].filter((execution) => execution.workGroup === workGroup).reverse();
  }

  /**
   * Cancels a queued or running query: its object reading ends (the reader's worker terminated), DuckDB's statement
   * is interrupted, and it ends CANCELLED once its work folder is deleted, with no result written.
   */
  stop(id: string): void {
    const execution = this.get(id);
    if (execution.state === "QUEUED" || execution.state === "RUNNING") {
      execution.cancellation.abort();
      this.dependencies.engine.interrupt(id);
    }
  }

  private finish(execution: Execution, state: State, failure?: QueryError): void {
    execution.state = state;
    execution.completedMs = this.dependencies.now();
    execution.startedMs ??= execution.completedMs;
    if (failure !== undefined) execution.failure = failure;
  }

  private async run(execution: Execution): Promise<void> {
    if (execution.cancellation.signal.aborted) {
      this.finish(execution, "CANCELLED");
      return;
    }
    execution.state = "RUNNING";
    execution.startedMs = this.dependencies.now();
    const workDir = join(this.dependencies.workDirectory, execution.id);
    const localPaths = new LocalPaths(this.dependencies.hiddenDirectories);
    let outcome: Outcome;
    try {
      outcome = await this.execute(execution, workDir, localPaths);
    } catch (error) {
      outcome = execution.cancellation.signal.aborted ? { state: "CANCELLED" } : { state: "FAILED", failure: asQueryError(error) };
      if (outcome.failure !== undefined) outcome.failure.message = localPaths.hide(outcome.failure.message);
      if (outcome.failure !== undefined && (execution.statement.engine !== "trino" || outcome.failure.errorName === "FAILED")) {
        // A failed Hive DDL statement still writes its `.txt`, holding the reason (observed on Athena engine v3).
        await this.writeText(execution, [outcome.failure.message]).catch(() => undefined);
      }
    } finally {
      this.dependencies.engine.forget(execution.id);
      await rm(workDir, { recursive: true, force: true });
    }
    // Only now, with the scratch folder gone: a client that sees the terminal state sees nothing left behind.
    this.finish(execution, outcome.state, outcome.failure);
  }

  private async execute(execution: Execution, workDir: string, localPaths: LocalPaths): Promise<Outcome> {
    if (!this.dependencies.s3.bucketExists(execution.outputLocation.bucket)) {
      throw new QueryError("PERMISSION_DENIED", `Unable to verify/create output bucket ${execution.outputLocation.bucket}`);
    }
    const result = await statementEngine().runStatement({
      queryId: execution.id,
      statement: execution.statement,
      database: execution.database,
      outputLocation: execution.outputLocation,
      catalog: this.dependencies.catalog,
      s3: this.dependencies.s3,
      engine: this.dependencies.engine,
      directJsonScans: this.dependencies.directJsonScans,
      workDir,
      localPaths,
      enforcedOutputLocation: execution.enforcedOutputLocation,
      signal: execution.cancellation.signal,
      planning: execution.planning,
    });
    if (execution.cancellation.signal.aborted) return { state: "CANCELLED" };
    await this.writeResult(execution, result);
    execution.result = result;
    return { state: "SUCCEEDED" };
  }

  private async writeText(execution: Execution, lines: readonly string[]): Promise<void> {
    const { bucket, prefix } = execution.outputLocation;
    await this.dependencies.s3.putObject(bucket, `${prefix}${execution.id}.txt`, Buffer.from(lines.join("\n")), { contentType: "text/plain" });
  }

  /** The result file (and its `.metadata`) as real S3 objects, named as Athena names them. */
  private async writeResult(execution: Execution, result: StatementResult): Promise<void> {
    const { bucket, prefix } = execution.outputLocation;
    const metadata = Buffer.from(JSON.stringify({ columns: result.columns, updateCount: result.updateCount ?? null }));
    switch (execution.kind.result) {
      case "txt": {
        const header = execution.kind.headerRow ? [result.columns.map((column) => column.name).join("\t")] : [];
        await this.writeText(execution, [...header, ...result.rows.map((row) => row.map((value) => value ?? "").join("\t"))]);
        if (result.columns.length > 0) await this.dependencies.s3.putObject(bucket, `${prefix}${execution.id}.txt.metadata`, metadata, { contentType: "application/octet-stream" });
        return;
      }
      case "csv": {
        const key = `${prefix}${execution.id}.csv`;
        // Athena's .metadata is a binary description of the columns; this one is the same facts as JSON.
        await Promise.all([
          this.dependencies.s3.putObject(bucket, key, Buffer.from(resultCsv(result.columns.map((column) => column.name), result.rows)), { contentType: "text/csv" }),
          this.dependencies.s3.putObject(bucket, `${key}.metadata`, metadata, { contentType: "application/octet-stream" }),
        ]);
        return;
      }
      case "bare":
        await this.dependencies.s3.putObject(bucket, `${prefix}${execution.id}.metadata`, metadata, { contentType: "application/octet-stream" });
        return;
      case "tables":
        await this.dependencies.s3.putObject(bucket, `${prefix}tables/${execution.id}.metadata`, metadata, { contentType: "application/octet-stream" });
        return;
    }
  }

  describe(execution: Execution): QueryExecution {
    const end = execution.completedMs;
    const started = execution.startedMs;
    const failure = execution.failure;
    const manifest = execution.state === "SUCCEEDED" && (execution.kind.result === "bare" || execution.kind.result === "tables") ? { DataManifestLocation: `${execution.resultUri}-manifest.csv` } : {};
    return {
      QueryExecutionId: execution.id,
      Query: execution.query,
      StatementType: execution.kind.statementType,
      SubstatementType: execution.result?.substatementType ?? execution.kind.substatementType,
      ResultConfiguration: { OutputLocation: execution.resultUri },
      ResultReuseConfiguration: { ResultReuseByAgeConfiguration: { Enabled: false } },
      QueryExecutionContext: { Database: execution.database, Catalog: execution.catalog.toLowerCase() },
      Status: {
        State: execution.state,
        SubmissionDateTime: new Date(execution.submittedMs),
        ...(end === undefined ? {} : { CompletionDateTime: new Date(end) }),
        ...(failure === undefined
          ? execution.state === "CANCELLED"
            ? { StateChangeReason: "Query cancelled by user" }
            : {}
          : {
              StateChangeReason: failure.message,
              AthenaError: { ErrorCategory: failure.category, ErrorType: errorTypeOf(failure), Retryable: false, ErrorMessage: failure.message },
            }),
      },
      Statistics: {
        EngineExecutionTimeInMillis: started === undefined || end === undefined ? 0 : end - started,
        DataScannedInBytes: execution.result?.bytesScanned ?? 0,
        TotalExecutionTimeInMillis: (end ?? this.dependencies.now()) - execution.submittedMs,
        QueryQueueTimeInMillis: (started ?? this.dependencies.now()) - execution.submittedMs,
        ServicePreProcessingTimeInMillis: 0,
        QueryPlanningTimeInMillis: Math.round(execution.planning.ms),
        ServiceProcessingTimeInMillis: 0,
        ResultReuseInformation: { ReusedPreviousResult: false },
        ...manifest,
      },
      WorkGroup: execution.workGroup,
      EngineVersion: { SelectedEngineVersion: "AUTO", EffectiveEngineVersion: "Athena engine version 3" },
    };
  }

  /**
   * Stopping the emulator cancels what still runs, as StopQueryExecution does (docs/athena-glue.md, "Stopping"),
   * and waits for each query to end: promptly, as its reading and DuckDB's work stop at once.
   */
  async close(): Promise<void> {
    for (const execution of this.executions.values()) {
      if (execution.state === "QUEUED" || execution.state === "RUNNING") this.stop(execution.id);
    }
    await Promise.all([...this.pending]);
  }
}
