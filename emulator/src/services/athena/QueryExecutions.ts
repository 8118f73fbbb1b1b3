import { randomUUID } from "node:crypto";
import { mkdir, rm } from "node:fs/promises";
import { join } from "node:path";
import type { QueryExecution } from "@aws-sdk/client-athena";
import type { GlueCatalog } from "../glue/GlueCatalog";
import type { S3Objects } from "../s3/S3Objects";
import { invalidRequest, QueryError } from "./athenaErrors";
import type { DuckEngine } from "./DuckEngine";
import { resultCsv } from "./resultCsv";
import { parseS3Location, type S3Location } from "./s3Location";
import { SqlSyntaxError, tokenize } from "./sqlTokens";
import { isCtas, runStatement, statementTypeOf } from "./statements/runStatement";
import type { StatementResult } from "./statements/StatementContext";

type State = "QUEUED" | "RUNNING" | "SUCCEEDED" | "FAILED" | "CANCELLED";

interface Outcome {
  state: "SUCCEEDED" | "FAILED" | "CANCELLED";
  failure?: QueryError;
}

function asQueryError(error: unknown): QueryError {
  if (error instanceof QueryError) return error;
  if (error instanceof SqlSyntaxError) return new QueryError("SYNTAX_ERROR", `line ${error.line}:${error.column}: ${error.message}`);
  return new QueryError("GENERIC_INTERNAL_ERROR", error instanceof Error ? error.message : String(error), 1);
}

export interface Execution {
  readonly id: string;
  readonly query: string;
  readonly workGroup: string;
  readonly database: string;
  readonly catalog: string;
  readonly outputLocation: S3Location;
  readonly statementType: "DML" | "DDL" | "UTILITY";
  readonly submittedMs: number;
  state: State;
  startedMs?: number;
  completedMs?: number;
  failure?: QueryError;
  cancelRequested: boolean;
  result?: StatementResult;
  /** The result file's URI: `<OutputLocation><id>.csv` (SELECT, CTAS) or `.txt` (other DDL), as Athena names it. */
  readonly resultUri: string;
}

export interface StartQuery {
  readonly query: string;
  readonly workGroup: string;
  readonly database: string | undefined;
  readonly catalog: string | undefined;
  readonly outputLocation: string;
}

export interface ExecutionDependencies {
  readonly s3: S3Objects;
  readonly catalog: GlueCatalog;
  readonly engine: DuckEngine;
  /** Per-query scratch folders go here (inside the data directory, where DuckDB may read). */
  readonly workDirectory: string;
  readonly now: () => number;
}

/**
 * Athena's query executions: each runs asynchronously QUEUED -> RUNNING -> SUCCEEDED / FAILED / CANCELLED
 * on the shared DuckDB engine. Executions live in memory: a restarted emulator forgets them (their CSV
 * results stay in S3).
 */
export class QueryExecutions {
  private readonly executions = new Map<string, Execution>();
  private readonly pending = new Set<Promise<void>>();

  constructor(private readonly dependencies: ExecutionDependencies) {}

  start(input: StartQuery): Execution {
    const outputLocation = parseS3Location(input.outputLocation);
    if (outputLocation === undefined) {
      throw invalidRequest(`The S3 location provided to save your query results is invalid. Please check your S3 location is correct and is in the same region and try again. If you continue to see the issue, contact customer support for further assistance. (Location: ${input.outputLocation})`);
    }
    const id = randomUUID();
    let statementType: Execution["statementType"] = "DML";
    let ctas = false;
    try {
      const tokens = tokenize(input.query);
      statementType = statementTypeOf(tokens);
      ctas = isCtas(tokens);
    } catch {
      // A statement that does not tokenize fails with its SYNTAX_ERROR when it runs, as Athena's do.
    }
    const extension = statementType === "DML" || ctas ? "csv" : "txt";
    const execution: Execution = {
      id,
      query: input.query,
      workGroup: input.workGroup,
      database: (input.database ?? "default").toLowerCase(),
      catalog: input.catalog ?? "AwsDataCatalog",
      outputLocation,
      statementType,
      submittedMs: this.dependencies.now(),
      state: "QUEUED",
      cancelRequested: false,
      resultUri: `s3://${outputLocation.bucket}/${outputLocation.prefix}${id}.${extension}`,
    };
    this.executions.set(id, execution);
    const running = new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.run(execution));
    this.pending.add(running);
    void running.finally(() => this.pending.delete(running));
    return execution;
  }

  get(id: string): Execution {
    const execution = this.executions.get(id);
    if (execution === undefined) {
      throw invalidRequest(`QueryExecution ${id} was not found`);
    }
    return execution;
  }

  find(id: string): Execution | undefined {
    return this.executions.get(id);
  }

  /** Newest first, as Athena lists them. */
  list(workGroup: string): Execution[] {
    return [...this.executions.values()].filter((execution) => execution.workGroup === workGroup).reverse();
  }

  stop(id: string): void {
    const execution = this.get(id);
    if (execution.state === "QUEUED" || execution.state === "RUNNING") {
      execution.cancelRequested = true;
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
    if (execution.cancelRequested) {
      this.finish(execution, "CANCELLED");
      return;
    }
    execution.state = "RUNNING";
    execution.startedMs = this.dependencies.now();
    const workDir = join(this.dependencies.workDirectory, execution.id);
    let outcome: Outcome;
    try {
      outcome = await this.execute(execution, workDir);
    } catch (error) {
      outcome = execution.cancelRequested ? { state: "CANCELLED" } : { state: "FAILED", failure: asQueryError(error) };
    } finally {
      this.dependencies.engine.forget(execution.id);
      await rm(workDir, { recursive: true, force: true });
    }
    // Only now, with the scratch folder gone: a client that sees the terminal state sees nothing left behind.
    this.finish(execution, outcome.state, outcome.failure);
  }

  private async execute(execution: Execution, workDir: string): Promise<Outcome> {
    if (!this.dependencies.s3.bucketExists(execution.outputLocation.bucket)) {
      throw new QueryError("PERMISSION_DENIED", `Unable to verify/create output bucket ${execution.outputLocation.bucket}`);
    }
    await mkdir(workDir, { recursive: true });
    const result = await runStatement({
      queryId: execution.id,
      tokens: tokenize(execution.query),
      database: execution.database,
      outputLocation: execution.outputLocation,
      catalog: this.dependencies.catalog,
      s3: this.dependencies.s3,
      engine: this.dependencies.engine,
      workDir,
    });
    if (execution.cancelRequested) return { state: "CANCELLED" };
    await this.writeResult(execution, result);
    execution.result = result;
    return { state: "SUCCEEDED" };
  }

  /** The result file (and, for SELECT and CTAS, its `.metadata`) as real S3 objects. */
  private async writeResult(execution: Execution, result: StatementResult): Promise<void> {
    const { bucket, prefix } = execution.outputLocation;
    const key = `${prefix}${execution.resultUri.slice(execution.resultUri.lastIndexOf("/") + 1)}`;
    if (key.endsWith(".txt")) {
      const text = result.rows.map((row) => row.map((value) => value ?? "").join("\t")).join("\n");
      await this.dependencies.s3.putObject(bucket, key, Buffer.from(text === "" ? "" : `${text}\n`), { contentType: "text/plain" });
      return;
    }
    const header = result.headerRow ? result.columns.map((column) => column.name) : undefined;
    await this.dependencies.s3.putObject(bucket, key, Buffer.from(resultCsv(header, result.rows)), { contentType: "text/csv" });
    // Athena's .metadata is a binary description of the columns; ours is the same facts as JSON.
    await this.dependencies.s3.putObject(bucket, `${key}.metadata`, Buffer.from(JSON.stringify({ columns: result.columns })), { contentType: "application/octet-stream" });
  }

  describe(execution: Execution): QueryExecution {
    const end = execution.completedMs;
    const started = execution.startedMs;
    return {
      QueryExecutionId: execution.id,
      Query: execution.query,
      StatementType: execution.statementType,
      ...(execution.result?.substatementType === undefined ? {} : { SubstatementType: execution.result.substatementType }),
      ResultConfiguration: { OutputLocation: execution.resultUri },
      ResultReuseConfiguration: { ResultReuseByAgeConfiguration: { Enabled: false } },
      QueryExecutionContext: { Database: execution.database, Catalog: execution.catalog },
      Status: {
        State: execution.state,
        SubmissionDateTime: new Date(execution.submittedMs),
        ...(end === undefined ? {} : { CompletionDateTime: new Date(end) }),
        ...(execution.failure === undefined
          ? execution.state === "CANCELLED"
            ? { StateChangeReason: "Query cancelled by user" }
            : {}
          : {
              StateChangeReason: execution.failure.message,
              AthenaError: { ErrorCategory: execution.failure.category, ErrorMessage: execution.failure.message, Retryable: false },
            }),
      },
      Statistics: {
        EngineExecutionTimeInMillis: started === undefined || end === undefined ? 0 : end - started,
        DataScannedInBytes: execution.result?.bytesScanned ?? 0,
        TotalExecutionTimeInMillis: (end ?? this.dependencies.now()) - execution.submittedMs,
        QueryQueueTimeInMillis: (started ?? this.dependencies.now()) - execution.submittedMs,
        ServicePreProcessingTimeInMillis: 0,
        QueryPlanningTimeInMillis: 0,
        ServiceProcessingTimeInMillis: 0,
        ResultReuseInformation: { ReusedPreviousResult: false },
      },
      WorkGroup: execution.workGroup,
      EngineVersion: { SelectedEngineVersion: "AUTO", EffectiveEngineVersion: "Athena engine version 3" },
    };
  }

  async close(): Promise<void> {
    for (const execution of this.executions.values()) {
      if (execution.state === "QUEUED" || execution.state === "RUNNING") this.stop(execution.id);
    }
    await Promise.all([...this.pending]);
  }
}
