import type { GlueCatalog } from "../../glue/GlueCatalog";
import type { S3Objects } from "../../s3/S3Objects";
import type { DuckEngine } from "../DuckEngine";
import type { S3Location } from "../s3Location";
import type { SqlToken } from "../sqlTokens";

export interface StatementContext {
  readonly queryId: string;
  readonly tokens: readonly SqlToken[];
  /** QueryExecutionContext.Database, lower-cased; `default` when none was given. */
  readonly database: string;
  readonly outputLocation: S3Location;
  readonly catalog: GlueCatalog;
  readonly s3: S3Objects;
  readonly engine: DuckEngine;
  /** A folder of this query's own under the Athena service's directory, deleted when the query ends. */
  readonly workDir: string;
}

export interface ResultColumn {
  readonly name: string;
  /** Athena's type name: varchar, bigint, double, ... */
  readonly type: string;
}

export interface StatementResult {
  readonly statementType: "DML" | "DDL" | "UTILITY";
  readonly columns: readonly ResultColumn[];
  readonly rows: readonly (readonly (string | undefined)[])[];
  /** SELECT results carry a header row first, in GetQueryResults and in the CSV; DDL results do not. */
  readonly headerRow: boolean;
  readonly bytesScanned: number;
  /** Set by CTAS: where the new table's data went (Athena's DataManifestLocation neighbour). */
  readonly substatementType?: string;
}
