import type { GlueCatalog } from "../../glue/GlueCatalog";
import type { S3Objects } from "../../s3/S3Objects";
import type { DirectJsonScans } from "../scan/directJsonScan";
import type { DuckEngine } from "../engine/DuckEngine";
import type { LocalPaths } from "../engine/LocalPaths";
import type { S3Location } from "../scan/s3Location";
import type { AthenaStatement } from "../sql/parseStatement";
import { columnInfo, type TrinoType } from "../sql/types/TrinoType";

export interface StatementContext {
  readonly queryId: string;
  readonly statement: AthenaStatement;
  /** QueryExecutionContext.Database, lower-cased; `default` when none was given. */
  readonly database: string;
  readonly outputLocation: S3Location;
  readonly catalog: GlueCatalog;
  readonly s3: S3Objects;
  readonly engine: DuckEngine;
  /** This Athena service's count of queries read_json answered directly (planQuery.ts). */
  readonly directJsonScans: DirectJsonScans;
  /** A folder of this query's own under the Athena service's directory, made by what first writes there, deleted when the query ends. */
  readonly workDir: string;
  /** The files this statement reads, by their objects' URIs: what its error messages say instead. */
  readonly localPaths: LocalPaths;
  /** Whether the workgroup enforces its output location (CTAS may not then name an external_location). */
  readonly enforcedOutputLocation: boolean;
  /** Aborted when the query is stopped (StopQueryExecution, the emulator stopping): its reading stops with it. */
  readonly signal: AbortSignal;
  /** Where this statement's planning time adds up (QueryExecutionStatistics.QueryPlanningTimeInMillis). */
  readonly planning: PlanningTime;
}

/**
 * The time a statement spends planning: finding the objects of the tables it reads and analysing it with Trino's
 * rules. Athena's QueryPlanningTimeInMillis is "the number of milliseconds Athena took to plan the query processing
 * flow. This includes the time spent retrieving table partitions from the data source", a part of the engine's
 * time (https://docs.aws.amazon.com/athena/latest/APIReference/API_QueryExecutionStatistics.html).
 */
export interface PlanningTime {
  ms: number;
}

/** Runs `plan` and adds the time it took to `planning`. */
export async function timePlanning<T>(planning: PlanningTime, plan: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await plan();
  } finally {
    planning.ms += performance.now() - started;
  }
}

/** A result column as ColumnInfo describes it. */
export interface ResultColumn {
  readonly name: string;
  /** ColumnInfo.Type: `varchar`, `integer`, ... for engine results; `string` for Hive DDL's. */
  readonly type: string;
  readonly precision: number;
  readonly scale: number;
  readonly caseSensitive: boolean;
}

export function engineColumn(name: string, type: TrinoType): ResultColumn {
  const info = columnInfo(type);
  return { name, type: info.type, precision: info.precision, scale: info.scale, caseSensitive: info.caseSensitive };
}

/** Columns of Hive DDL results (SHOW, DESCRIBE): `string`, precision 0 (observed on Athena engine v3). */
export function hiveColumn(name: string): ResultColumn {
  return { name, type: "string", precision: 0, scale: 0, caseSensitive: false };
}

export interface StatementResult {
  readonly columns: readonly ResultColumn[];
  readonly rows: readonly (readonly (string | undefined)[])[];
  readonly bytesScanned: number;
  /** GetQueryResults' UpdateCount: rows written by CTAS and INSERT, 0 for queries and SHOW, absent for the rest. */
  readonly updateCount?: number;
  /** DESCRIBE and SHOW COLUMNS of a view are Athena's DESC_VIEW, known only once the name is looked up. */
  readonly substatementType?: string;
  /** The `.txt` result's content when it is not the rows (a failed Hive DDL statement writes its error). */
  readonly dataManifest?: readonly string[];
}
