import { QueryError, queryErrorAt } from "../errors/athenaErrors";
import { parseS3Location, s3Uri } from "../scan/s3Location";
import type { Statement } from "../sql/ast";
import { runPlanned } from "./planQuery";
import { namedColumns, readProperties, writeFormat } from "./runCtas";
import { engineColumn, type StatementContext, type StatementResult } from "./StatementContext";
import { compressionOf, isEmptyLocation, writeManifest, writeResult } from "./writeResult";

/**
 * UNLOAD (https://docs.aws.amazon.com/athena/latest/ug/unload.html): a query's rows written as objects at the TO
 * location, which must hold nothing ("UNLOAD does not overwrite existing data"), in `format` (PARQUET when not
 * given, unverified), `compression` GZIP by default for JSON and TEXTFILE, optionally `partitioned_by` (last).
 */
export async function runUnload(context: StatementContext, statement: Extract<Statement, { kind: "unload" }>): Promise<StatementResult> {
  const location = parseS3Location(statement.location);
  if (location === undefined) throw queryErrorAt("INVALID_INPUT", statement.at, `Invalid UNLOAD location: ${statement.location}`);
  const properties = readProperties(statement.properties.map((property) => (property.name.value === "compression" ? { ...property, name: { ...property.name, value: "write_compression" } } : property)));
  const text = (name: string): string | undefined => {
    const value = properties.get(name)?.value;
    return value?.kind === "string" ? value.value : undefined;
  };
  const format = writeFormat(text("format"), properties.get("format")?.at);
  const compression = compressionOf(format, text("write_compression"));
  const partitioned = properties.get("partitioned_by")?.value;
  const partitionedBy = partitioned?.kind === "array" ? partitioned.values.map((name) => name.toLowerCase()) : [];
  const fieldDelimiter = text("field_delimiter");
  const { result, bytesScanned } = await runPlanned(context, statement.query, statement.query, async (connection, plan) => {
    const columns = namedColumns(plan.columns, undefined, statement.query.at);
    const names = columns.map((column) => column.name.toLowerCase());
    if (partitionedBy.length > 0 && names.slice(names.length - partitionedBy.length).join("\u0000") !== partitionedBy.join("\u0000")) {
      throw new QueryError("HIVE_COLUMN_ORDER_MISMATCH", `Partition keys must be the last columns in the table and in the same order as the table properties: [${partitionedBy.join(", ")}]`);
    }
    if (partitionedBy.length === 0 && !(await isEmptyLocation(context, location))) {
      throw new QueryError("HIVE_PATH_ALREADY_EXISTS", `Target directory for table already exists: ${s3Uri(location).replace(/\/$/, "")}`);
    }
    return writeResult(connection, context, plan, { format, compression, columnNames: names, partitionedBy, ...(fieldDelimiter === undefined ? {} : { fieldDelimiter }) }, location, true);
  });
  await writeManifest(context, `${context.outputLocation.prefix}${context.queryId}-manifest.csv`, location, result.keys);
  return { columns: [engineColumn("rows", { kind: "bigint" })], rows: [], bytesScanned, updateCount: result.rows };
}
