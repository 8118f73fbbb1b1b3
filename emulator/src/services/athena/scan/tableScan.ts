import type { Column, Partition, Table } from "@aws-sdk/client-glue";
import type { S3Objects } from "../../s3/S3Objects";
import { QueryError } from "../errors/athenaErrors";
import { duckTypeOfGlueType } from "./glueTypes";
import { castJsonField } from "./castJsonField";
import { directJsonScan } from "./directJsonScan";
import { profileJsonLines } from "./profileJsonLines";
import { readTextRows } from "./textRows";
import { castColumn } from "./glueCast";
import { parseS3Location, type S3Location } from "./s3Location";
import { quoteIdentifier, quoteString } from "../sql/analyze/sqlText";

/** A Glue table as a DuckDB relation: SQL for a subquery, and how many bytes of objects it reads. */
export interface ScannedTable {
  readonly sql: string;
  readonly bytesScanned: number;
  /** Whether DuckDB reads the JSON objects itself: the SQL then fails where the JavaScript reader is needed. */
  readonly direct: boolean;
  /** The files it reads, with their objects' URIs. */
  readonly objects: readonly { readonly path: string; readonly uri: string }[];
}

export type TableFormat =
  | { kind: "json"; ignoreMalformed: boolean; nullForInvalidData: boolean; mapping: Record<string, string> }
  | { kind: "delimited"; delimiter: string; skipHeaderLines: number; quoted: boolean }
  | { kind: "parquet" };

export interface SourceFile {
  readonly key: string;
  readonly path: string;
  /** `s3://bucket/key`, what `"$path"` shows. */
  readonly uri: string;
  readonly size: number;
  readonly lastModified: Date;
  /** The object's ETag: what its bytes are, for the profile cache. */
  readonly etag: string;
  readonly gzip: boolean;
  readonly partitionValues: readonly string[];
}

/** Athena's hidden columns of a Hive table (docs: select, "$path"; Trino's HiveColumnHandle for their types). */
export const HIDDEN_COLUMNS = ["$path", "$file_size", "$file_modified_time"] as const;
export type HiddenColumn = (typeof HIDDEN_COLUMNS)[number];

/** The hidden columns' values for one file, as SQL constants. */
function hiddenValues(file: SourceFile, hidden: readonly HiddenColumn[]): string[] {
  return hidden.map((column) => {
    switch (column) {
      case "$path":
        return `${quoteString(file.uri)} AS "$path"`;
      case "$file_size":
        return `CAST(${file.size} AS BIGINT) AS "$file_size"`;
      case "$file_modified_time":
        return `struct_pack("instant" := CAST(make_timestamp_ms(${file.lastModified.getTime()}) AS TIMESTAMPTZ), "zone" := 'UTC') AS "$file_modified_time"`;
    }
  });
}

/** Which SerDe reads the table, from its SerDe library, input format and classification, as Athena decides. */
export function tableFormat(table: Table): TableFormat {
  const storage = table.StorageDescriptor ?? {};
  const library = storage.SerdeInfo?.SerializationLibrary ?? "";
  const parameters = storage.SerdeInfo?.Parameters ?? {};
  const classification = (table.Parameters?.["classification"] ?? "").toLowerCase();
  if (/jsonserde/i.test(library) || (library === "" && classification === "json")) {
    const mapping: Record<string, string> = {};
    for (const [name, value] of Object.entries(parameters)) {
      if (name.toLowerCase().startsWith("mapping.")) {
        mapping[name.slice("mapping.".length).toLowerCase()] = value.toLowerCase();
      }
    }
    return {
      kind: "json",
      ignoreMalformed: parameters["ignore.malformed.json"]?.toLowerCase() === "true",
      nullForInvalidData: parameters["use.null.for.invalid.data"]?.toLowerCase() === "true",
      mapping,
    };
  }
  if (/parquet/i.test(library) || /parquet/i.test(storage.InputFormat ?? "") || (library === "" && classification === "parquet")) {
    return { kind: "parquet" };
  }
  const skipHeaderLines = Number(table.Parameters?.["skip.header.line.count"] ?? "0") || 0;
  if (/OpenCSVSerde/i.test(library)) {
    return { kind: "delimited", delimiter: parameters["separatorChar"] ?? ",", skipHeaderLines, quoted: true };
  }
  if (/LazySimpleSerDe/i.test(library) || classification === "csv" || (library === "" && /Text/i.test(storage.InputFormat ?? ""))) {
    const delimiter = parameters["field.delim"] ?? parameters["serialization.format"] ?? "\u0001";
    return { kind: "delimited", delimiter: /^\d+$/.test(delimiter) && delimiter.length > 1 ? String.fromCharCode(Number(delimiter)) : delimiter, skipHeaderLines, quoted: false };
  }
  throw new QueryError("HIVE_UNSUPPORTED_FORMAT", `Unable to create input format for SerDe '${library}'`);
}

/** Athena skips objects whose name starts with `_` or `.`, and folder markers. */
function isDataObject(key: string, size: number): boolean {
  const name = key.slice(key.lastIndexOf("/") + 1);
  return name !== "" && !name.startsWith("_") && !name.startsWith(".") && size > 0;
}

async function listFiles(s3: S3Objects, location: S3Location, partitionValues: readonly string[]): Promise<SourceFile[]> {
  if (!s3.bucketExists(location.bucket)) {
    return [];
  }
  const files: SourceFile[] = [];
  for await (const object of s3.listObjects(location.bucket, location.prefix)) {
    if (isDataObject(object.key, object.size)) {
      const gzip = object.key.endsWith(".gz") || object.metadata["content-encoding"] === "gzip";
      files.push({ key: object.key, path: s3.objectFilePath(location.bucket, object.key), uri: `s3://${location.bucket}/${object.key}`, size: object.size, lastModified: object.lastModified, etag: object.etag, gzip, partitionValues });
    }
  }
  return files;
}

/** The objects a query reads: for a partitioned table only its registered partitions, as Athena does. */
async function sourceFiles(table: Table, partitions: readonly Partition[], s3: S3Objects): Promise<SourceFile[]> {
  const tableLocation = parseS3Location(table.StorageDescriptor?.Location ?? "");
  if (tableLocation === undefined) {
    throw new QueryError("HIVE_METASTORE_ERROR", `Table '${table.DatabaseName}.${table.Name}' has no valid S3 location: '${table.StorageDescriptor?.Location ?? ""}'`);
  }
  if ((table.PartitionKeys ?? []).length === 0) {
    return listFiles(s3, tableLocation, []);
  }
  const files: SourceFile[] = [];
  const keys = (table.PartitionKeys ?? []).map((key) => key.Name ?? "");
  for (const partition of partitions) {
    // A partition registered without a location is Hive's `key=value/...` folder under the table's.
    const folders = keys.map((key, index) => `${key}=${partition.Values?.[index] ?? ""}`).join("/");
    const location = parseS3Location(partition.StorageDescriptor?.Location ?? `s3://${tableLocation.bucket}/${tableLocation.prefix}${folders}/`);
    if (location !== undefined) {
      files.push(...(await listFiles(s3, location, partition.Values ?? [])));
    }
  }
  return files;
}

function emptyRelation(columns: readonly Column[], hidden: readonly HiddenColumn[]): string {
  const list = columns.map((column) => `CAST(NULL AS ${duckTypeOfGlueType(column.Type ?? "string")}) AS ${quoteIdentifier((column.Name ?? "").toLowerCase())}`);
  const hiddenList = hidden.map((column) => `CAST(NULL AS ${column === "$path" ? "VARCHAR" : column === "$file_size" ? "BIGINT" : 'STRUCT("instant" TIMESTAMPTZ, "zone" VARCHAR)'}) AS ${quoteIdentifier(column)}`);
  return `SELECT ${[...list, ...hiddenList].join(", ")} WHERE false`;
}

/** Files grouped for one read each: by partition (and compression), or one by one when hidden columns are read. */
function groupFiles(files: readonly SourceFile[], perFile: boolean): SourceFile[][] {
  const groups = new Map<string, SourceFile[]>();
  for (const file of files) {
    const key = perFile ? file.key : JSON.stringify([file.gzip, file.partitionValues]);
    groups.set(key, [...(groups.get(key) ?? []), file]);
  }
  return [...groups.values()];
}

export interface ScanRequest {
  readonly s3: S3Objects;
  /** Where the JavaScript reader writes the rows, inside the query's work folder. */
  readonly workFile: string;
  /** Whether DuckDB may read JSON objects itself (see directJsonScan). */
  readonly direct: boolean;
  readonly hidden?: readonly HiddenColumn[];
  /** When given, the only data columns a direct JSON scan needs to read (the others come back NULL). */
  readonly readColumns?: ReadonlySet<string>;
  /** The query's: aborted when it is stopped. */
  readonly signal: AbortSignal;
}

/**
 * `SELECT names FROM from`, where a line of the work file may stand for a run of identical rows (writeTextRows): it
 * then carries the run's length after its `width` fields, and each line's values, computed once, are repeated that
 * many times, in order.
 */
function selectRows(list: readonly string[], names: readonly string[], from: string, width: number, runs: boolean): string {
  if (!runs) return `SELECT ${list.join(", ")} FROM ${from}`;
  const repeat = `unnest(range(coalesce(CAST("r"[${width + 1}] AS BIGINT), 1))) AS "run"`;
  return `SELECT ${names.join(", ")} FROM (SELECT ${[...list, repeat].join(", ")} FROM ${from})`;
}

/**
 * Turns a Glue table into a DuckDB subquery with the Glue schema's types. Parquet is read by DuckDB directly,
 * and so is JSON when `direct` allows it (see directJsonScan). Otherwise text formats (JSON, CSV) are read here
 * with the SerDe's rules and handed to DuckDB as a newline-delimited JSON file of strings under `workFile`, cast
 * to the Glue types in SQL. Reading stops, and this fails with the signal's reason, once `signal` is aborted.
 */
export async function scanTable(table: Table, partitions: readonly Partition[], request: ScanRequest): Promise<ScannedTable> {
  const { s3, workFile, direct, hidden = [], readColumns, signal } = request;
  const format = tableFormat(table);
  const columns = table.StorageDescriptor?.Columns ?? [];
  const partitionKeys = table.PartitionKeys ?? [];
  const all = [...columns, ...partitionKeys];
  const files = await sourceFiles(table, partitions, s3);
  const bytesScanned = files.reduce((sum, file) => sum + file.size, 0);
  if (files.length === 0) {
    return { sql: emptyRelation(all, hidden), bytesScanned, direct: false, objects: files };
  }
  if (format.kind === "parquet") {
    const selects = groupFiles(files, hidden.length > 0).map((group) => {
      const list = [
        ...columns.map((column) => `${castColumn(quoteIdentifier(column.Name ?? ""), column.Type ?? "string")} AS ${quoteIdentifier((column.Name ?? "").toLowerCase())}`),
        ...partitionKeys.map((key, index) => `${castColumn(quoteString(group[0]!.partitionValues[index] ?? ""), key.Type ?? "string")} AS ${quoteIdentifier((key.Name ?? "").toLowerCase())}`),
        ...hiddenValues(group[0]!, hidden),
      ];
      return `SELECT ${list.join(", ")} FROM read_parquet([${group.map((file) => quoteString(file.path)).join(", ")}], union_by_name = true)`;
    });
    return { sql: selects.join(" UNION ALL "), bytesScanned, direct: false, objects: files };
  }
  const profile = format.kind === "json" && direct ? await profileJsonLines(files, signal) : undefined;
  if (format.kind === "json" && profile?.every === true) {
    const sql = directJsonScan(
      groupFiles(files, hidden.length > 0).map((group) => ({ files: group, hidden: hiddenValues(group[0]!, hidden) })),
      columns,
      partitionKeys,
      { mapped: Object.keys(format.mapping).length > 0, nullForInvalidData: format.nullForInvalidData, flat: profile.flat, ...(readColumns === undefined ? {} : { readColumns }) },
    );
    if (sql !== undefined) {
      return { sql, bytesScanned, direct: true, objects: files };
    }
  }
  const written = await readTextRows({ files, columns, format, hidden: hidden.length > 0, workFile }, signal);
  if (written.rows === 0) {
    return { sql: emptyRelation(all, hidden), bytesScanned, direct: false, objects: files };
  }
  // Each line is a JSON array of strings: read it as one VARCHAR[] column and pick the fields by position.
  const names = all.map((column) => quoteIdentifier((column.Name ?? "").toLowerCase()));
  const list = all.map((column, index) => {
    const field = `"r"[${index + 1}]`;
    const type = column.Type ?? "string";
    const cast = format.kind === "json" && index < columns.length ? castJsonField(field, type, index, format.nullForInvalidData) : castColumn(field, type);
    return `${cast} AS ${names[index]!}`;
  });
  const source = `read_json(${quoteString(workFile)}, format = 'newline_delimited', records = false, columns = {'r': 'VARCHAR[]'})`;
  const width = all.length + (hidden.length > 0 ? 1 : 0);
  if (hidden.length === 0) return { sql: selectRows(list, names, source, width, written.runs), bytesScanned, direct: false, objects: files };
  // Each row carries its file's index; the files' hidden values come from a small table of constants.
  const fileIndex = `CAST("r"[${all.length + 1}] AS INTEGER)`;
  const fileValues = files.map((file, index) => `SELECT ${index} AS "file", ${hiddenValues(file, hidden).join(", ")}`).join(" UNION ALL ");
  const hiddenNames = hidden.map((column) => quoteIdentifier(column));
  const hiddenList = hiddenNames.map((name) => `"f".${name}`);
  const sql = selectRows([...list, ...hiddenList], [...names, ...hiddenNames], `${source} JOIN (${fileValues}) AS "f" ON "f"."file" = ${fileIndex}`, width, written.runs);
  return { sql, bytesScanned, direct: false, objects: files };
}
