import type { PartitionInput } from "@aws-sdk/client-glue";
import { QueryError, queryErrorAt } from "../errors/athenaErrors";
import { parseS3Location, s3Uri } from "../scan/s3Location";
import type { QueryPlan } from "../sql/analyze/QueryAnalyzer";
import { coerceSql } from "../sql/analyze/operators";
import type { Statement } from "../sql/ast";
import { canCoerce } from "../sql/types/coercion";
import { parseHiveType } from "../sql/types/hiveTypes";
import { display, type TrinoType } from "../sql/types/TrinoType";
import { runPlanned } from "./planQuery";
import { databaseExists, isView } from "./prepareRelations";
import { engineColumn, type StatementContext, type StatementResult } from "./StatementContext";
import { compressionOf, writeManifest, writeResult, type WriteFormat } from "./writeResult";

/**
 * INSERT INTO (https://docs.aws.amazon.com/athena/latest/ug/insert-into.html): the query's columns match the
 * table's by position (or the listed columns), each coercible to its column's type (else TYPE_MISMATCH: Insert
 * query has mismatched column types); each INSERT writes new objects in the table's format, partitions last.
 */

function formatOfTable(serde: string, inputFormat: string): WriteFormat | undefined {
  if (/parquet/i.test(serde) || /parquet/i.test(inputFormat)) return "PARQUET";
  if (/json/i.test(serde)) return "JSON";
  if (/LazySimpleSerDe/i.test(serde)) return "TEXTFILE";
  return undefined;
}

export async function runInsert(context: StatementContext, statement: Extract<Statement, { kind: "insert" }>): Promise<StatementResult> {
  const parts = statement.target.parts.map((part) => part.value.toLowerCase());
  const database = parts.length >= 2 ? parts[parts.length - 2]! : context.database;
  const name = parts[parts.length - 1]!;
  if (!databaseExists(context, database)) throw queryErrorAt("SCHEMA_NOT_FOUND", statement.target.at, `Schema '${database}' does not exist`);
  const table = context.catalog.findTable(database, name);
  if (table === undefined) throw queryErrorAt("TABLE_NOT_FOUND", statement.target.at, `Table 'awsdatacatalog.${database}.${name}' does not exist`);
  if (isView(table)) throw queryErrorAt("NOT_SUPPORTED", statement.target.at, `Inserting into views is not supported`);
  const storage = table.StorageDescriptor ?? {};
  const format = formatOfTable(storage.SerdeInfo?.SerializationLibrary ?? "", storage.InputFormat ?? "");
  if (format === undefined) throw new QueryError("NOT_SUPPORTED", `INSERT INTO a table of SerDe '${storage.SerdeInfo?.SerializationLibrary ?? ""}' is not supported by the gpu-stream emulator`);
  const location = parseS3Location(storage.Location ?? "");
  if (location === undefined) throw new QueryError("HIVE_METASTORE_ERROR", `Table '${database}.${name}' has no valid S3 location`);
  const dataColumns = (storage.Columns ?? []).map((column) => ({ name: (column.Name ?? "").toLowerCase(), type: parseHiveType(column.Type ?? "string") }));
  const partitionColumns = (table.PartitionKeys ?? []).map((column) => ({ name: (column.Name ?? "").toLowerCase(), type: parseHiveType(column.Type ?? "string") }));
  const all = [...dataColumns, ...partitionColumns];
  const listed = statement.columns?.map((column) => column.value.toLowerCase());
  for (const column of listed ?? []) {
    if (!all.some((candidate) => candidate.name === column)) throw queryErrorAt("COLUMN_NOT_FOUND", statement.at, `Insert column name does not exist in target table: ${column}`);
  }
  const targets = listed === undefined ? all : listed.map((column) => all.find((candidate) => candidate.name === column)!);
  const compression = compressionOf(format, format === "PARQUET" ? table.Parameters?.["parquet.compression"] : table.Parameters?.["write.compression"]);
  const fieldDelimiter = storage.SerdeInfo?.Parameters?.["field.delim"];

  const { result, bytesScanned } = await runPlanned(context, statement.query, statement.query, async (connection, plan) => {
    const queryTypes = plan.columns.map((column) => column.type);
    const matches = queryTypes.length === targets.length && queryTypes.every((type, index) => canCoerce(type, targets[index]!.type));
    if (!matches) {
      throw queryErrorAt("TYPE_MISMATCH", { line: 1, column: 1 }, `Insert query has mismatched column types: Table: [${targets.map((target) => display(target.type)).join(", ")}], Query: [${queryTypes.map(display).join(", ")}]`);
    }
    // Every table column in the table's order: a listed column from the query, the others NULL.
    const select = all.map((column, position) => {
      const index = targets.findIndex((target) => target.name === column.name);
      return `${index === -1 ? nullOf(column.type) : coerceSql(`"q"."_c${index}"`, queryTypes[index]!, column.type)} AS "_c${position}"`;
    });
    const shaped: QueryPlan = { sql: `SELECT ${select.join(", ")} FROM (${plan.sql}) AS "q"`, columns: all.map((column) => ({ name: column.name, type: column.type })) };
    return writeResult(connection, context, shaped, { format, compression, columnNames: all.map((column) => column.name), partitionedBy: partitionColumns.map((column) => column.name), ...(fieldDelimiter === undefined ? {} : { fieldDelimiter }) }, location, true);
  });
  if (result.partitions.size > 0) {
    const partitions: PartitionInput[] = [...result.partitions].map(([folder, values]) => ({ Values: [...values], StorageDescriptor: { ...storage, Location: s3Uri(location, folder) } }));
    context.catalog.addPartitions(database, name, partitions);
  }
  if (result.rows > 0) await writeManifest(context, `${context.outputLocation.prefix}${context.queryId}-manifest.csv`, location, result.keys);
  return { columns: [engineColumn("rows", { kind: "bigint" })], rows: [], bytesScanned, updateCount: result.rows };
}

function nullOf(type: TrinoType): string {
  return coerceSql("NULL", { kind: "unknown" }, type);
}
