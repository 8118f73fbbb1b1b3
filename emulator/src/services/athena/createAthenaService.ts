import { mkdir, rm } from "node:fs/promises";
import { join } from "node:path";
import type { JsonService } from "../../server/JsonService";
import type { EmulatorService, ServiceEnvironment } from "../EmulatorService";
import type { GlueCatalog } from "../glue/GlueCatalog";
import type { S3Objects } from "../s3/S3Objects";
import { athenaApiOperations } from "./athenaShapes";
import type { DirectJsonScans } from "./scan/directJsonScan";
import { DuckEngine } from "./engine/DuckEngine";
import type { AthenaState } from "./state/AthenaState";
import type { QueryExecutions } from "./state/QueryExecutions";
import { WorkGroups } from "./state/WorkGroups";
import { lazyOperationTable } from "../lazyOperationTable";

export interface AthenaDependencies {
  readonly s3: S3Objects;
  readonly catalog: GlueCatalog;
  /** Where the S3 service keeps its files (its buckets' folders and its own state): error messages never name it. */
  readonly s3Directory: string;
}

/** Athena's own figures, not AWS's: how many queries DuckDB's read_json answered directly (directJsonScan.ts). */
export interface AthenaStats {
  readonly directJsonScans: number;
}

export interface AthenaService extends EmulatorService {
  stats(): AthenaStats;
}

/**
 * Athena on JSON 1.1 (`X-Amz-Target: AmazonAthena.<Operation>`): queries run on an embedded, sandboxed
 * DuckDB over the Glue catalog's tables and the S3 service's files; results are written back to S3.
 */
export async function createAthenaService(environment: ServiceEnvironment, dependencies: AthenaDependencies): Promise<AthenaService> {
  const workDirectory = join(environment.directory, "work");
  await rm(workDirectory, { recursive: true, force: true });
  await mkdir(workDirectory, { recursive: true });
  // DuckDB may read each bucket's objects and Athena's own folders, nothing else of the data directory: not the S3
  // service's metadata, journal, staging or uploads beside the buckets, nor other services' state, logs and keys.
  const engine = new DuckEngine(() => [...dependencies.s3.bucketDirectories(), workDirectory], join(environment.directory, "spill"));
  const now = () => environment.context.now();
  const hiddenDirectories = [dependencies.s3Directory, environment.directory];
  const directJsonScans: DirectJsonScans = { count: 0 };
  // The query machinery (SQL parser front end, statement checks) is loaded by the first operation that reaches it,
  // as DuckDB is by the first query: 25 ms of module loading that a start which never queries should not pay.
  let executions: QueryExecutions | undefined;
  const queryExecutions = (): QueryExecutions => {
    if (executions === undefined) {
      const { QueryExecutions } = require("./state/QueryExecutions") as typeof import("./state/QueryExecutions");
      executions = new QueryExecutions({ s3: dependencies.s3, catalog: dependencies.catalog, engine, directJsonScans, workDirectory, hiddenDirectories, now });
    }
    return executions;
  };
  const workGroups = await WorkGroups.open(environment.directory, now());
  const state: AthenaState = {
    get executions() {
      return queryExecutions();
    },
    workGroups,
    now,
    requestTokens: new Map(),
  };
  const json: JsonService = {
    name: "Athena",
    targetPrefix: "AmazonAthena",
    errorNamespace: "http://internal.amazon.com/coral/com.amazonaws.athena/",
    apiOperations: athenaApiOperations,
    operations: lazyOperationTable(() => (require("./athenaOperations") as typeof import("./athenaOperations")).athenaOperations(state)),
    maxBodyBytes: 1024 * 1024,
    errorStyle: { messageKey: "Message", typeHeader: false },
  };
  return {
    json,
    stats: () => ({ directJsonScans: directJsonScans.count }),
    close: async () => {
      await executions?.close();
      await engine.close();
    },
  };
}
