import { randomUUID } from "node:crypto";
import { mkdir, readdir } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import type { StorageDescriptor } from "@aws-sdk/client-glue";
import { QueryError } from "../errors/athenaErrors";
import { s3Uri, type S3Location } from "../scan/s3Location";
import type { QueryPlan } from "../sql/analyze/QueryAnalyzer";
import { quoteIdentifier, quoteString } from "../sql/analyze/sqlText";
import type { StatementContext } from "./StatementContext";

/**
 * Writes a query's rows as S3 objects in one of Athena's formats, the way CTAS, INSERT INTO and UNLOAD write them:
 * Parquet, JSON (Hive's JsonSerDe, one object per line) or TEXTFILE (LazySimpleSerDe, `\001` between fields, `\N`
 * for NULL), compressed with GZIP unless told otherwise (https://docs.aws.amazon.com/athena/latest/ug/
 * ctas-considerations-limitations.html: "GZIP compression is used for CTAS query results in JSON and TEXTFILE
 * formats. For Parquet ... the default is GZIP"). Partitioned output goes to Hive's `key=value/` folders.
 */

export type WriteFormat = "PARQUET" | "JSON" | "TEXTFILE";

export interface FormatDescription {
  readonly storage: Omit<StorageDescriptor, "Columns" | "Location">;
  readonly classification: string;
}

export const FORMATS: Readonly<Record<WriteFormat, FormatDescription>> = {
  PARQUET: {
    classification: "parquet",
    storage: {
      InputFormat: "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat",
      OutputFormat: "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat",
      SerdeInfo: { SerializationLibrary: "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe", Parameters: { "serialization.format": "1" } },
    },
  },
  JSON: {
    classification: "json",
    storage: {
      InputFormat: "org.apache.hadoop.mapred.TextInputFormat",
      OutputFormat: "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat",
      SerdeInfo: { SerializationLibrary: "org.apache.hive.hcatalog.data.JsonSerDe", Parameters: { "serialization.format": "1" } },
    },
  },
  TEXTFILE: {
    classification: "csv",
    storage: {
      InputFormat: "org.apache.hadoop.mapred.TextInputFormat",
      OutputFormat: "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat",
      SerdeInfo: { SerializationLibrary: "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe", Parameters: { "field.delim": "\u0001", "serialization.format": "\u0001" } },
    },
  },
};

/** The compressions each format accepts in `write_compression` (`compression` for UNLOAD), DuckDB's name for each. */
const COMPRESSIONS: Readonly<Record<WriteFormat, Readonly<Record<string, string>>>> = {
  PARQUET: { GZIP: "gzip", SNAPPY: "snappy", ZSTD: "zstd", LZ4: "lz4_raw", NONE: "uncompressed" },
  JSON: { GZIP: "gzip", ZSTD: "zstd", NONE: "none" },
  TEXTFILE: { GZIP: "gzip", ZSTD: "zstd", NONE: "none" },
};

export function compressionOf(format: WriteFormat, requested: string | undefined): { duck: string; extension: string } {
  const name = (requested ?? "GZIP").toUpperCase();
  const duck = COMPRESSIONS[format][name];
  if (duck === undefined) throw new QueryError("INVALID_TABLE_PROPERTY", `Unsupported compression codec for ${format}: ${name}`);
  const extension = format === "PARQUET" ? "" : duck === "gzip" ? ".gz" : duck === "zstd" ? ".zst" : "";
  return { duck, extension };
}

/** How many partitions (and buckets) one statement may write (Athena: HIVE_TOO_MANY_OPEN_PARTITIONS). */
export const PARTITION_LIMIT = 100;

/** Hive's escaping of a partition value in a folder name (FileUtils.escapePathName). */
export function escapePartitionValue(value: string | null): string {
  if (value === null || value === "") return "__HIVE_DEFAULT_PARTITION__";
  return value.replace(/["#%'*/:=?\\\u007f{[\]^\u0000-\u001f]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`);
}

export interface WrittenData {
  readonly rows: number;
  /** S3 keys written, relative to the location. */
  readonly keys: readonly string[];
  /** Partition folder (`k=v/...`) -> values, for Glue. */
  readonly partitions: ReadonlyMap<string, readonly string[]>;
}

export interface WriteRequest {
  readonly format: WriteFormat;
  readonly compression: { duck: string; extension: string };
  /** Output column names, in order (the plan's columns). */
  readonly columnNames: readonly string[];
  /** The last columns, written as folders rather than inside the files. */
  readonly partitionedBy: readonly string[];
  readonly fieldDelimiter?: string;
}

async function filesUnder(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

function copyOptions(request: WriteRequest): string {
  switch (request.format) {
    case "PARQUET":
      return `FORMAT parquet, COMPRESSION ${request.compression.duck}`;
    case "JSON":
      return `FORMAT json, COMPRESSION ${request.compression.duck}`;
    case "TEXTFILE":
      return `FORMAT csv, DELIMITER ${quoteString(request.fieldDelimiter ?? "\u0001")}, HEADER false, NULLSTR '\\N', QUOTE '', ESCAPE '', COMPRESSION ${request.compression.duck}`;
  }
}

/** A file name of Trino's kind: the query's id and a UUID, and the compression's extension. */
function fileName(context: StatementContext, request: WriteRequest): string {
  return `${context.queryId.replace(/-/g, "").slice(0, 20)}_${randomUUID()}${request.compression.extension}`;
}

/**
 * Runs `plan` into a temporary table, then writes it (each partition to its folder) under the query's work folder,
 * then puts the files into S3 at `location`. Answers what was written.
 */
export async function writeResult(connection: DuckDBConnection, context: StatementContext, plan: QueryPlan, request: WriteRequest, location: S3Location, withData: boolean): Promise<WrittenData> {
  const staging = join(context.workDir, `write-${randomUUID()}`);
  await mkdir(staging, { recursive: true });
  const temporary = quoteIdentifier(`result_${context.queryId.replace(/-/g, "_")}`);
  const select = request.columnNames.map((name, index) => `"_c${index}" AS ${quoteIdentifier(name)}`).join(", ");
  await connection.run(`CREATE TEMP TABLE ${temporary} AS SELECT ${select} FROM (${plan.sql}) AS "q"${withData ? "" : " LIMIT 0"}`);
  try {
    const countReader = await connection.runAndReadAll(`SELECT count(*) FROM ${temporary}`);
    const rows = Number(countReader.getRows()[0]![0]);
    const dataColumns = request.columnNames.filter((name) => !request.partitionedBy.includes(name));
    const partitions = new Map<string, readonly string[]>();
    if (request.partitionedBy.length === 0) {
      if (withData) await connection.run(`COPY (SELECT * FROM ${temporary}) TO ${quoteString(join(staging, fileName(context, request)))} (${copyOptions(request)})`);
    } else {
      const keys = request.partitionedBy.map(quoteIdentifier).join(", ");
      const distinct = await connection.runAndReadAll(`SELECT DISTINCT ${request.partitionedBy.map((name) => `CAST(${quoteIdentifier(name)} AS VARCHAR)`).join(", ")} FROM ${temporary}`);
      const values = distinct.getRows().map((row) => row.map((value) => (value === null ? null : String(value))));
      if (values.length > PARTITION_LIMIT) throw new QueryError("HIVE_TOO_MANY_OPEN_PARTITIONS", `Exceeded limit of ${PARTITION_LIMIT} open writers for partitions/buckets`);
      for (const partition of values) {
        const folder = request.partitionedBy.map((name, index) => `${name}=${escapePartitionValue(partition[index] ?? null)}`).join("/");
        const condition = request.partitionedBy.map((name, index) => (partition[index] === null ? `${quoteIdentifier(name)} IS NULL` : `CAST(${quoteIdentifier(name)} AS VARCHAR) = ${quoteString(partition[index]!)}`)).join(" AND ");
        await mkdir(join(staging, ...folder.split("/")), { recursive: true });
        const target = join(staging, ...folder.split("/"), fileName(context, request));
        await connection.run(`COPY (SELECT ${dataColumns.map(quoteIdentifier).join(", ")} FROM ${temporary} WHERE ${condition}) TO ${quoteString(target)} (${copyOptions(request)})`);
        partitions.set(folder, partition.map((value) => value ?? "__HIVE_DEFAULT_PARTITION__"));
      }
      void keys;
    }
    // A query stopped while DuckDB wrote puts nothing into S3.
    context.signal.throwIfAborted();
    const written: string[] = [];
    for (const file of await filesUnder(staging)) {
      const key = relative(staging, file).split(sep).join("/");
      await context.s3.putObjectFile(location.bucket, `${location.prefix}${key}`, file);
      written.push(key);
    }
    return { rows, keys: written, partitions };
  } finally {
    await connection.run(`DROP TABLE IF EXISTS ${temporary}`);
  }
}

/** Is there no object under the location (Athena refuses to write into a non-empty one). */
export async function isEmptyLocation(context: StatementContext, location: S3Location): Promise<boolean> {
  if (!context.s3.bucketExists(location.bucket)) return true;
  for await (const object of context.s3.listObjects(location.bucket, location.prefix)) {
    if (object !== undefined) return false;
  }
  return true;
}

/** The data manifest Athena writes beside a CTAS, INSERT or UNLOAD result: one object URI per line. */
export async function writeManifest(context: StatementContext, manifestKey: string, location: S3Location, keys: readonly string[]): Promise<void> {
  const text = keys.map((key) => `${s3Uri(location, key)}\n`).join("");
  await context.s3.putObject(context.outputLocation.bucket, manifestKey, Buffer.from(text), { contentType: "text/csv" });
}
