import { mkdir, readdir } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import type { Column, PartitionInput, StorageDescriptor } from "@aws-sdk/client-glue";
import { QueryError, queryErrorAt } from "../athenaErrors";
import { glueTypeOfDuckType } from "../athenaTypes";
import { queryErrorOfDuckError } from "../duckErrors";
import { parseS3Location, s3Uri, type S3Location } from "../s3Location";
import { quoteIdentifier, quoteString, type SqlToken } from "../sqlTokens";
import { at, translateQuery } from "../translateQuery";
import { findCatalogTable, runOverTables } from "./resolveTables";
import type { StatementContext, StatementResult } from "./StatementContext";
import { readProperties, readTableName, type PropertyValue } from "./tableName";

/** What each CTAS format writes and how Glue describes it (the same SerDes Athena registers). */
const FORMATS: Readonly<Record<string, { copy: string; storage: Omit<StorageDescriptor, "Columns" | "Location">; classification: string; extension: string }>> = {
  PARQUET: {
    copy: "FORMAT parquet",
    classification: "parquet",
    extension: "",
    storage: {
      InputFormat: "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat",
      OutputFormat: "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat",
      SerdeInfo: { SerializationLibrary: "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe", Parameters: { "serialization.format": "1" } },
    },
  },
  JSON: {
    copy: "FORMAT json",
    classification: "json",
    extension: "",
    storage: {
      InputFormat: "org.apache.hadoop.mapred.TextInputFormat",
      OutputFormat: "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat",
      SerdeInfo: { SerializationLibrary: "org.apache.hive.hcatalog.data.JsonSerDe", Parameters: { "serialization.format": "1" } },
    },
  },
  TEXTFILE: {
    copy: "FORMAT csv, DELIMITER '\u0001', HEADER false, NULLSTR '\\N', QUOTE ''",
    classification: "csv",
    extension: "",
    storage: {
      InputFormat: "org.apache.hadoop.mapred.TextInputFormat",
      OutputFormat: "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat",
      SerdeInfo: { SerializationLibrary: "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe", Parameters: { "field.delim": "\u0001", "serialization.format": "\u0001" } },
    },
  },
};

function stringProperty(properties: Map<string, PropertyValue>, name: string): string | undefined {
  const value = properties.get(name);
  return typeof value === "string" ? value : undefined;
}

async function filesUnder(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

async function isEmptyLocation(context: StatementContext, location: S3Location): Promise<boolean> {
  if (!context.s3.bucketExists(location.bucket)) return true;
  for await (const object of context.s3.listObjects(location.bucket, location.prefix)) {
    if (object !== undefined) return false;
  }
  return true;
}

/**
 * `CREATE TABLE t [WITH (format = ..., external_location = ..., partitioned_by = ARRAY[...])] AS <query>`:
 * writes the result as S3 objects (Parquet at `<OutputLocation>tables/<QueryExecutionId>/` unless told
 * otherwise, as Athena does) and registers the table, with its partitions, in the Glue catalog.
 */
export async function runCtas(context: StatementContext): Promise<StatementResult> {
  const tokens = context.tokens;
  let i = 2;
  let ifNotExists = false;
  if (tokens[i]?.value === "if" && tokens[i + 1]?.value === "not" && tokens[i + 2]?.value === "exists") {
    ifNotExists = true;
    i += 3;
  }
  const name = readTableName(tokens, i, context.database);
  i = name.end;
  let properties = new Map<string, PropertyValue>();
  if (tokens[i]?.value === "with" && tokens[i + 1]?.value === "(") {
    const read = readProperties(tokens, i + 1);
    properties = read.properties;
    i = read.end;
  }
  if (tokens[i]?.value !== "as") {
    throw queryErrorAt("SYNTAX_ERROR", at(tokens[i] ?? tokens[tokens.length - 1]), `mismatched input '${tokens[i]?.text ?? "<EOF>"}'. Expecting: 'AS'`);
  }
  let queryTokens: readonly SqlToken[] = tokens.slice(i + 1);
  let withData = true;
  const tail = queryTokens.slice(-3).map((token) => token.value).join(" ");
  if (tail === "with no data") {
    withData = false;
    queryTokens = queryTokens.slice(0, -3);
  } else if (tail.endsWith("with data")) {
    queryTokens = queryTokens.slice(0, -2);
  }
  if (queryTokens.length > 0 && queryTokens[0]!.value === "(" && queryTokens[queryTokens.length - 1]!.value === ")") {
    queryTokens = queryTokens.slice(1, -1);
  }

  const qualified = `awsdatacatalog.${name.database}.${name.table}`;
  if (findCatalogTable(context, name.database, name.table, at(name.token)) !== undefined) {
    if (ifNotExists) {
      return { statementType: "DDL", columns: [], rows: [], headerRow: false, bytesScanned: 0, substatementType: "CREATE_TABLE_AS_SELECT" };
    }
    throw queryErrorAt("TABLE_ALREADY_EXISTS", at(name.token), `Destination table '${qualified}' already exists`);
  }
  const formatName = (stringProperty(properties, "format") ?? "PARQUET").toUpperCase();
  const format = FORMATS[formatName];
  if (format === undefined) {
    throw new QueryError("INVALID_TABLE_PROPERTY", `Unsupported format '${formatName}': the emulator writes PARQUET, JSON or TEXTFILE`);
  }
  const externalLocation = stringProperty(properties, "external_location");
  const location = externalLocation === undefined ? parseS3Location(s3Uri(context.outputLocation, `tables/${context.queryId}/`))! : parseS3Location(externalLocation);
  if (location === undefined) {
    throw new QueryError("INVALID_TABLE_PROPERTY", `external_location is not an S3 location: '${externalLocation}'`);
  }
  if (!(await isEmptyLocation(context, location))) {
    throw new QueryError("HIVE_PATH_ALREADY_EXISTS", `Target directory for table '${name.database}.${name.table}' already exists: ${s3Uri(location)}`);
  }
  if (!context.s3.bucketExists(location.bucket)) {
    throw new QueryError("HIVE_PATH_ALREADY_EXISTS", `Unable to write to ${s3Uri(location)}: the bucket does not exist`);
  }
  const partitionedBy = [...((properties.get("partitioned_by") as readonly string[] | undefined) ?? [])].map((column) => column.toLowerCase());

  const staged = join(context.workDir, "ctas");
  await mkdir(staged, { recursive: true });
  const temporary = quoteIdentifier(`ctas_${context.queryId}`);
  const { result: described, bytesScanned } = await runOverTables(context, translateQuery(queryTokens, context.database), (sql) =>
    context.engine.run(context.queryId, async (connection) => {
      await connection.run(`CREATE TEMP TABLE ${temporary} AS SELECT * FROM (${sql}) ${withData ? "" : "LIMIT 0"}`);
      try {
        const description = await connection.runAndReadAll(`SELECT column_name, column_type FROM (DESCRIBE ${temporary})`);
        const count = await connection.runAndReadAll(`SELECT count(*) FROM ${temporary}`);
        const partitionClause = partitionedBy.length === 0 ? "" : `, PARTITION_BY (${partitionedBy.map(quoteIdentifier).join(", ")}), FILENAME_PATTERN '${context.queryId}_{i}'`;
        const target = partitionedBy.length === 0 ? join(staged, `${context.queryId}_0`) : staged;
        if (Number(count.getRows()[0]![0]) > 0 || partitionedBy.length === 0) {
          await connection.run(`COPY ${temporary} TO ${quoteString(target)} (${format.copy}${partitionClause})`);
        }
        return { columns: description.getRows().map((row) => ({ name: String(row[0]).toLowerCase(), type: String(row[1]) })), rowCount: Number(count.getRows()[0]![0]) };
      } finally {
        await connection.run(`DROP TABLE IF EXISTS ${temporary}`);
      }
    }),
  ).catch((error: unknown) => {
    throw queryErrorOfDuckError(error, tokens);
  });

  const missing = partitionedBy.find((column) => !described.columns.some((described) => described.name === column));
  if (missing !== undefined) {
    throw new QueryError("INVALID_TABLE_PROPERTY", `Partition column '${missing}' is not present in the Create Table As Select statement`);
  }
  const columns: Column[] = described.columns.filter((column) => !partitionedBy.includes(column.name)).map((column) => ({ Name: column.name, Type: glueTypeOfDuckType(column.type) }));
  const partitionKeys: Column[] = partitionedBy.map((key) => ({ Name: key, Type: glueTypeOfDuckType(described.columns.find((column) => column.name === key)!.type) }));

  const partitionValues = new Map<string, string[]>();
  for (const file of await filesUnder(staged)) {
    const key = relative(staged, file).split(sep).join("/");
    await context.s3.putObjectFile(location.bucket, `${location.prefix}${key}`, file);
    if (partitionedBy.length > 0) {
      const folder = key.slice(0, key.lastIndexOf("/"));
      partitionValues.set(folder, folder.split("/").map((part) => decodeURIComponent(part.slice(part.indexOf("=") + 1))));
    }
  }
  const storage: StorageDescriptor = { ...format.storage, Columns: columns, Location: s3Uri(location) };
  context.catalog.createTable(name.database, {
    Name: name.table,
    TableType: "EXTERNAL_TABLE",
    Parameters: { classification: format.classification, has_encrypted_data: "false" },
    PartitionKeys: partitionKeys,
    StorageDescriptor: storage,
  });
  if (partitionValues.size > 0) {
    const partitions: PartitionInput[] = [...partitionValues].map(([folder, values]) => ({ Values: values, StorageDescriptor: { ...storage, Location: s3Uri(location, `${folder}/`) } }));
    context.catalog.addPartitions(name.database, name.table, partitions);
  }
  return {
    statementType: "DDL",
    columns: [{ name: "rows", type: "bigint" }],
    rows: [[String(described.rowCount)]],
    headerRow: false,
    bytesScanned,
    substatementType: "CREATE_TABLE_AS_SELECT",
  };
}
