import type { Column, PartitionInput, StorageDescriptor } from "@aws-sdk/client-glue";
import { QueryError, queryErrorAt } from "../errors/athenaErrors";
import { parseS3Location, s3Uri, type S3Location } from "../scan/s3Location";
import type { OutputColumn } from "../sql/analyze/QueryAnalyzer";
import type { Expression, Position, Property, Statement } from "../sql/ast";
import { hiveTypeOf, unsupportedHiveType } from "../sql/types/hiveTypes";
import { runPlanned } from "./planQuery";
import { reserveTable } from "./tableReservations";
import { databaseExists } from "./prepareRelations";
import { engineColumn, type StatementContext, type StatementResult } from "./StatementContext";
import { compressionOf, FORMATS, isEmptyLocation, PARTITION_LIMIT, type WriteFormat, writeManifest, writeResult } from "./writeResult";

/**
 * CREATE TABLE ... AS (https://docs.aws.amazon.com/athena/latest/ug/create-table-as.html): the query's rows
 * written as objects (Parquet unless `format` says JSON or TEXTFILE, GZIP-compressed unless `write_compression`
 * says otherwise) at `external_location` or `<OutputLocation>tables/<QueryExecutionId>/`, the table registered in
 * Glue with its partitions. Partition columns must come last, in `partitioned_by`'s order.
 */

type PropertyValue = { kind: "string"; value: string } | { kind: "array"; values: readonly string[] } | { kind: "number"; value: number } | { kind: "boolean"; value: boolean };

function propertyValue(expression: Expression | undefined, name: string, at: Position): PropertyValue {
  if (expression?.kind === "stringLiteral") return { kind: "string", value: expression.value };
  if (expression?.kind === "longLiteral") return { kind: "number", value: Number(expression.text) };
  if (expression?.kind === "booleanLiteral") return { kind: "boolean", value: expression.value };
  if (expression?.kind === "arrayConstructor" && expression.values.every((value) => value.kind === "stringLiteral")) {
    return { kind: "array", values: expression.values.map((value) => (value as { value: string }).value) };
  }
  throw queryErrorAt("INVALID_TABLE_PROPERTY", at, `Invalid value for catalog 'awsdatacatalog' table property '${name}'`);
}

/** The CTAS properties Athena knows (case-sensitive names: "format ... must be listed in lowercase"). */
const KNOWN = new Set(["format", "external_location", "partitioned_by", "bucketed_by", "bucket_count", "write_compression", "field_delimiter", "is_external", "table_type", "parquet_compression", "orc_compression", "compression_level", "location"]);

export function readProperties(properties: readonly Property[]): Map<string, { value: PropertyValue; at: Position }> {
  const values = new Map<string, { value: PropertyValue; at: Position }>();
  for (const property of properties) {
    const name = property.name.value;
    if (!KNOWN.has(name)) throw queryErrorAt("INVALID_TABLE_PROPERTY", property.at, `Catalog 'awsdatacatalog' table property '${name}' does not exist`);
    if (values.has(name)) throw queryErrorAt("DUPLICATE_PROPERTY", property.at, `Duplicate property: ${name}`);
    values.set(name, { value: propertyValue(property.value, name, property.at), at: property.at });
  }
  return values;
}

function stringProperty(values: Map<string, { value: PropertyValue; at: Position }>, name: string): string | undefined {
  const entry = values.get(name);
  if (entry === undefined) return undefined;
  if (entry.value.kind !== "string") throw queryErrorAt("INVALID_TABLE_PROPERTY", entry.at, `Invalid value for catalog 'awsdatacatalog' table property '${name}'`);
  return entry.value.value;
}

export function writeFormat(name: string | undefined, at?: Position): WriteFormat {
  const format = (name ?? "PARQUET").toUpperCase();
  if (format === "PARQUET" || format === "JSON" || format === "TEXTFILE") return format;
  if (["ORC", "AVRO", "ION"].includes(format)) throw queryErrorAt("NOT_SUPPORTED", at, `format '${format}' is not supported by the gpu-stream emulator (PARQUET, JSON, TEXTFILE)`);
  throw queryErrorAt("INVALID_TABLE_PROPERTY", at, `Unsupported format: ${format}`);
}

/** The Glue column of a result column, or Athena's refusal of a type Hive cannot store. */
export function glueColumn(column: OutputColumn & { name: string }): Column {
  const type = hiveTypeOf(column.type);
  if (column.type.kind === "unknown") throw new QueryError("COLUMN_TYPE_UNKNOWN", `Column type is unknown: ${column.name}`);
  if (type === undefined) throw new QueryError("NOT_SUPPORTED", unsupportedHiveType(column.type));
  return { Name: column.name.toLowerCase(), Type: type };
}

/** Output names checked as Trino checks a new table's (StatementAnalyzer.validateColumns). */
export function namedColumns(columns: readonly OutputColumn[], aliases: readonly { value: string }[] | undefined, at: Position): (OutputColumn & { name: string })[] {
  if (aliases !== undefined && aliases.length !== columns.length) throw queryErrorAt("MISMATCHED_COLUMN_ALIASES", at, `Column alias list has ${aliases.length} entries but relation has ${columns.length} columns`);
  const names: string[] = [];
  return columns.map((column, index) => {
    const name = aliases?.[index]?.value ?? column.name;
    if (name === undefined) throw queryErrorAt("MISSING_COLUMN_NAME", at, `Column name not specified at position ${index + 1}`);
    if (names.includes(name.toLowerCase())) throw queryErrorAt("DUPLICATE_COLUMN_NAME", at, `Column name '${name}' specified more than once`);
    names.push(name.toLowerCase());
    return { ...column, name };
  });
}

/** Athena's words after a failed write: where it may have left data. */
function cleanUpNote(location: S3Location): string {
  return ` You may need to manually clean the data at location '${s3Uri(location).replace(/\/$/, "")}' before retrying. Athena will not delete data in your account.`;
}

export async function runCtas(context: StatementContext, statement: Extract<Statement, { kind: "createTableAsSelect" }>): Promise<StatementResult> {
  const parts = statement.name.parts.map((part) => part.value.toLowerCase());
  if (parts.length === 3 && parts[0] !== "awsdatacatalog") throw queryErrorAt("CATALOG_NOT_FOUND", statement.name.at, `Catalog '${parts[0]}' does not exist`);
  const database = parts.length >= 2 ? parts[parts.length - 2]! : context.database;
  const table = parts[parts.length - 1]!;
  const defaultLocation = parseS3Location(s3Uri(context.outputLocation, `tables/${context.queryId}/`))!;
  if (!databaseExists(context, database)) throw new QueryError("SCHEMA_NOT_FOUND", `Database ${database} not found. Please check your query.${cleanUpNote(defaultLocation)}`);
  const reservation = context.catalog.findTable(database, table) === undefined ? reserveTable(context.catalog, database, table) : undefined;
  if (reservation === undefined) {
    if (statement.notExists) return { columns: [engineColumn("rows", { kind: "bigint" })], rows: [], bytesScanned: 0, updateCount: 0 };
    throw queryErrorAt("TABLE_ALREADY_EXISTS", statement.name.at, `Destination table 'awsdatacatalog.${database}.${table}' already exists`);
  }
  try {
    return await createAndWrite(context, statement, database, table, defaultLocation);
  } finally {
    reservation.release();
  }
}

async function createAndWrite(context: StatementContext, statement: Extract<Statement, { kind: "createTableAsSelect" }>, database: string, table: string, defaultLocation: S3Location): Promise<StatementResult> {
  const properties = readProperties(statement.properties);
  const tableType = stringProperty(properties, "table_type")?.toUpperCase();
  if (tableType !== undefined && tableType !== "HIVE") throw queryErrorAt("NOT_SUPPORTED", properties.get("table_type")!.at, `table_type '${tableType}' is not supported by the gpu-stream emulator (HIVE)`);
  const format = writeFormat(stringProperty(properties, "format"), properties.get("format")?.at);
  const compression = compressionOf(format, stringProperty(properties, "write_compression") ?? stringProperty(properties, "parquet_compression"));
  const externalLocation = stringProperty(properties, "external_location");
  if (externalLocation !== undefined && context.enforcedOutputLocation) {
    throw new QueryError(
      "INVALID_INPUT",
      "The Create Table As Select query failed because it was submitted with an 'external_location' property to an Athena Workgroup that enforces a centralized output location for all queries. Please remove the 'external_location' property and resubmit the query.",
    );
  }
  const location = externalLocation === undefined ? defaultLocation : parseS3Location(externalLocation);
  if (location === undefined) throw queryErrorAt("INVALID_TABLE_PROPERTY", properties.get("external_location")!.at, `External location must be a directory: ${externalLocation}`);
  const partitioned = properties.get("partitioned_by");
  const partitionedBy = partitioned === undefined ? [] : partitioned.value.kind === "array" ? partitioned.value.values.map((name) => name.toLowerCase()) : undefined;
  if (partitionedBy === undefined) throw queryErrorAt("INVALID_TABLE_PROPERTY", partitioned!.at, "Invalid value for catalog 'awsdatacatalog' table property 'partitioned_by'");
  if (properties.has("bucketed_by") || properties.has("bucket_count")) throw queryErrorAt("NOT_SUPPORTED", (properties.get("bucketed_by") ?? properties.get("bucket_count"))!.at, "bucketed tables are not supported by the gpu-stream emulator");
  const fieldDelimiter = stringProperty(properties, "field_delimiter");
  if (fieldDelimiter !== undefined && fieldDelimiter.length !== 1) throw queryErrorAt("INVALID_TABLE_PROPERTY", properties.get("field_delimiter")!.at, "field_delimiter must be a single character");

  const { result, bytesScanned } = await runPlanned(context, statement.query, statement.query, async (connection, plan) => {
    const columns = namedColumns(plan.columns, statement.columnAliases, statement.query.at);
    const glueColumns = columns.map(glueColumn);
    const names = columns.map((column) => column.name.toLowerCase());
    for (const key of partitionedBy) {
      if (!names.includes(key)) throw new QueryError("INVALID_TABLE_PROPERTY", `Partition column ${key} not present in the Create Table As Select statement`);
    }
    if (partitionedBy.length > 0 && names.slice(names.length - partitionedBy.length).join("\u0000") !== partitionedBy.join("\u0000")) {
      throw new QueryError("HIVE_COLUMN_ORDER_MISMATCH", `Partition keys must be the last columns in the table and in the same order as the table properties: [${partitionedBy.join(", ")}]`);
    }
    if (partitionedBy.length === names.length) throw new QueryError("INVALID_TABLE_PROPERTY", "Table contains only partition columns");
    if (!(await isEmptyLocation(context, location))) {
      throw new QueryError("HIVE_PATH_ALREADY_EXISTS", `Target directory for table '${database}.${table}' already exists: ${s3Uri(location).replace(/\/$/, "")}.${cleanUpNote(defaultLocation)}`);
    }
    const written = await writeResult(connection, context, plan, { format, compression, columnNames: names, partitionedBy, ...(fieldDelimiter === undefined ? {} : { fieldDelimiter }) }, location, statement.withData);
    return { written, glueColumns, names };
  });
  if (result.written.partitions.size > PARTITION_LIMIT) throw new QueryError("HIVE_TOO_MANY_OPEN_PARTITIONS", `Exceeded limit of ${PARTITION_LIMIT} open writers for partitions/buckets`);
  const description = FORMATS[format];
  const dataColumns = result.glueColumns.filter((column) => !partitionedBy.includes(column.Name!));
  const partitionKeys = partitionedBy.map((key) => result.glueColumns.find((column) => column.Name === key)!);
  const storage: StorageDescriptor = {
    ...description.storage,
    ...(fieldDelimiter === undefined || format !== "TEXTFILE" ? {} : { SerdeInfo: { ...description.storage.SerdeInfo, Parameters: { "field.delim": fieldDelimiter, "serialization.format": fieldDelimiter } } }),
    Columns: dataColumns,
    Location: s3Uri(location).replace(/\/$/, ""),
    Compressed: compression.duck !== "uncompressed" && compression.duck !== "none",
  };
  context.catalog.createTable(database, {
    Name: table,
    TableType: "EXTERNAL_TABLE",
    Parameters: { EXTERNAL: "TRUE", has_encrypted_data: "false", classification: description.classification, ...(format === "PARQUET" ? { "parquet.compression": compression.duck.toUpperCase() } : {}) },
    PartitionKeys: partitionKeys,
    StorageDescriptor: storage,
  });
  if (result.written.partitions.size > 0) {
    const partitions: PartitionInput[] = [...result.written.partitions].map(([folder, values]) => ({ Values: [...values], StorageDescriptor: { ...storage, Location: s3Uri(location, folder) } }));
    context.catalog.addPartitions(database, table, partitions);
  }
  await writeManifest(context, `${context.outputLocation.prefix}tables/${context.queryId}-manifest.csv`, location, result.written.keys);
  return { columns: [engineColumn("rows", { kind: "bigint" })], rows: [], bytesScanned, updateCount: result.written.rows };
}
