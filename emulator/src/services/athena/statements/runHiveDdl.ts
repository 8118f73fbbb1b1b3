import type { Column, PartitionInput, StorageDescriptor, Table, TableInput } from "@aws-sdk/client-glue";
import { AwsError } from "../../../protocol/AwsError";
import { DdlEngineRefusal, QueryError } from "../athenaErrors";
import { parseS3Location, s3Uri } from "../s3Location";
import type { HiveColumn, HiveName, HiveStatement, PartitionSpec, RowFormat } from "../sql/hiveAst";
import { HiveTypeError, parseHiveType } from "../sql/types/hiveTypes";
import { databaseExists, isView } from "./prepareRelations";
import { describeView } from "./runView";
import { hiveColumn, type ResultColumn, type StatementContext, type StatementResult } from "./StatementContext";

/**
 * Athena's DDL (https://docs.aws.amazon.com/athena/latest/ug/ddl-reference.html), run on the Glue catalog. Its
 * failures are Hive's, `FAILED: SemanticException ...` or a DDL task's execution error; its results are Hive's
 * (SHOW TABLES `tab_name`, DESCRIBE `col_name`/`data_type`/`comment` padded to 20 characters), observed on
 * Athena engine v3 (notes in docs/athena-glue.md).
 */

/** A Hive DDL failure: `FAILED: ...`, ErrorCategory 1 (Athena files Hive's errors as system errors). */
export function hiveFailure(message: string): QueryError {
  return new QueryError("FAILED", message.replace(/^FAILED: /, ""), 1);
}

const NOTHING: StatementResult = { columns: [], rows: [], bytesScanned: 0 };

/** Hive's results put each row in one value, its fields joined with tabs. */
function rowsOf(columns: readonly ResultColumn[], lines: readonly string[], updateCount?: number): StatementResult {
  return { columns, rows: lines.map((line) => [line]), bytesScanned: 0, ...(updateCount === undefined ? {} : { updateCount }) };
}

function pad20(text: string): string {
  return text.padEnd(20);
}

const TEXT_INPUT = "org.apache.hadoop.mapred.TextInputFormat";
const TEXT_OUTPUT = "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat";
const LAZY_SIMPLE = "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe";
const STORED_AS: Readonly<Record<string, { input: string; output: string; serde: string; classification?: string }>> = {
  TEXTFILE: { input: TEXT_INPUT, output: TEXT_OUTPUT, serde: LAZY_SIMPLE },
  PARQUET: { input: "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat", output: "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat", serde: "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe", classification: "parquet" },
};

function resolveName(context: StatementContext, name: HiveName): { database: string; table: string } {
  return { database: name.database ?? context.database, table: name.name };
}

function requireDatabase(context: StatementContext, database: string): void {
  if (!databaseExists(context, database)) throw hiveFailure(`SemanticException [Error 10072]: Database does not exist: ${database}`);
}

function requireTable(context: StatementContext, name: HiveName): { database: string; table: string; definition: Table } {
  const { database, table } = resolveName(context, name);
  requireDatabase(context, database);
  const definition = context.catalog.findTable(database, table);
  if (definition === undefined) throw hiveFailure(`SemanticException [Error 10001]: Table not found ${database}.${table}`);
  return { database, table, definition };
}

function checkType(column: HiveColumn): Column {
  try {
    parseHiveType(column.type);
  } catch (error) {
    if (error instanceof HiveTypeError) throw hiveFailure(`ParseException line 1:0 ${error.message}`);
    throw error;
  }
  return { Name: column.name, Type: column.type, ...(column.comment === undefined ? {} : { Comment: column.comment }) };
}

function serdeParameters(format: RowFormat | undefined): { library: string; parameters: Record<string, string> } {
  if (format === undefined) return { library: LAZY_SIMPLE, parameters: { "serialization.format": "1" } };
  if (format.kind === "serde") return { library: format.serde, parameters: { ...format.properties } };
  const parameters: Record<string, string> = {};
  if (format.fields !== undefined) {
    parameters["field.delim"] = format.fields;
    parameters["serialization.format"] = format.fields;
  }
  if (format.escapedBy !== undefined) parameters["escape.delim"] = format.escapedBy;
  if (format.collectionItems !== undefined) parameters["collection.delim"] = format.collectionItems;
  if (format.mapKeys !== undefined) parameters["mapkey.delim"] = format.mapKeys;
  if (format.lines !== undefined) parameters["line.delim"] = format.lines;
  if (format.nullDefinedAs !== undefined) parameters["serialization.null.format"] = format.nullDefinedAs;
  return { library: LAZY_SIMPLE, parameters };
}

function createTable(context: StatementContext, statement: Extract<HiveStatement, { kind: "createTable" }>): StatementResult {
  const { database, table } = resolveName(context, statement.table);
  requireDatabase(context, database);
  const columns = statement.columns.map(checkType);
  const partitionKeys = statement.partitionedBy.map(checkType);
  const names = [...columns, ...partitionKeys].map((column) => column.Name!);
  const duplicate = names.find((name, index) => names.indexOf(name) !== index);
  if (duplicate !== undefined) throw hiveFailure(`SemanticException [Error 10036]: Duplicate column name: ${duplicate}`);
  if (context.catalog.findTable(database, table) !== undefined) {
    if (statement.ifNotExists) return NOTHING;
    throw hiveFailure(`Execution Error, return code 1 from org.apache.hadoop.hive.ql.exec.DDLTask. AlreadyExistsException(message:Table ${table} already exists)`);
  }
  let { library, parameters } = serdeParameters(statement.rowFormat);
  let inputFormat = TEXT_INPUT;
  let outputFormat = TEXT_OUTPUT;
  let classification: string | undefined;
  if (statement.storedAs?.kind === "inputOutput") {
    inputFormat = statement.storedAs.inputFormat;
    outputFormat = statement.storedAs.outputFormat;
  } else if (statement.storedAs?.kind === "format") {
    const known = STORED_AS[statement.storedAs.format];
    if (known === undefined) throw new QueryError("NOT_SUPPORTED", `STORED AS ${statement.storedAs.format} is not supported by the gpu-stream emulator (PARQUET, TEXTFILE)`);
    inputFormat = known.input;
    outputFormat = known.output;
    if (statement.rowFormat === undefined) {
      library = known.serde;
      parameters = { "serialization.format": "1" };
    }
    classification = known.classification;
  }
  classification ??= /json/i.test(library) ? "json" : /parquet/i.test(library) ? "parquet" : "csv";
  const input: TableInput = {
    Name: table,
    TableType: "EXTERNAL_TABLE",
    ...(statement.comment === undefined ? {} : { Description: statement.comment }),
    Parameters: { EXTERNAL: "TRUE", classification, ...statement.properties },
    PartitionKeys: partitionKeys,
    StorageDescriptor: {
      InputFormat: inputFormat,
      OutputFormat: outputFormat,
      Columns: columns,
      Location: statement.location!,
      SerdeInfo: { SerializationLibrary: library, Parameters: parameters },
      ...(statement.bucketedBy === undefined ? {} : { BucketColumns: [...statement.bucketedBy.columns], NumberOfBuckets: statement.bucketedBy.count }),
    },
  };
  context.catalog.createTable(database, input);
  return NOTHING;
}

function partitionValues(table: Table, spec: PartitionSpec): string[] {
  const keys = (table.PartitionKeys ?? []).map((key) => (key.Name ?? "").toLowerCase());
  const given = new Map(spec);
  if (given.size !== keys.length || keys.some((key) => !given.has(key))) {
    throw hiveFailure(`SemanticException [Error 10006]: Partition not found ${spec.map(([key, value]) => `${key}=${value}`).join(", ")}`);
  }
  return keys.map((key) => given.get(key)!);
}

function partitionFolder(table: Table, values: readonly string[]): string {
  return (table.PartitionKeys ?? []).map((key, index) => `${(key.Name ?? "").toLowerCase()}=${values[index]}`).join("/");
}

function tableLocation(table: Table): ReturnType<typeof parseS3Location> {
  return parseS3Location(table.StorageDescriptor?.Location ?? "");
}

async function repairTable(context: StatementContext, name: HiveName): Promise<StatementResult> {
  const { database, table, definition } = requireTable(context, name);
  const keys = (definition.PartitionKeys ?? []).map((key) => (key.Name ?? "").toLowerCase());
  const location = tableLocation(definition);
  if (keys.length === 0 || location === undefined || !context.s3.bucketExists(location.bucket)) return rowsOf([], []);
  const known = new Set(context.catalog.getPartitions(database, table).map((partition) => JSON.stringify(partition.Values ?? [])));
  const found = new Map<string, string[]>();
  for await (const object of context.s3.listObjects(location.bucket, location.prefix)) {
    const segments = object.key.slice(location.prefix.length).split("/");
    if (segments.length <= keys.length) continue;
    const folders = segments.slice(0, keys.length);
    const values = folders.map((folder, index) => (folder.toLowerCase().startsWith(`${keys[index]}=`) ? decodeURIComponent(folder.slice(keys[index]!.length + 1)) : undefined));
    if (values.every((value) => value !== undefined)) found.set(folders.join("/"), values as string[]);
  }
  const missing = [...found].filter(([, values]) => !known.has(JSON.stringify(values)));
  const storage = definition.StorageDescriptor ?? {};
  const partitions: PartitionInput[] = missing.map(([folder, values]) => ({ Values: values, StorageDescriptor: { ...storage, Location: s3Uri(location, `${folder}/`) } }));
  if (partitions.length > 0) context.catalog.addPartitions(database, table, partitions);
  const lines = missing.length === 0 ? [] : [`Partitions not in metastore:\t${missing.map(([folder]) => `${table}:${folder}`).join("\t")}`, ...missing.map(([folder]) => `Repair: Added partition to metastore ${table}:${folder}`)];
  return rowsOf([], lines);
}

/** SHOW TABLES' and SHOW VIEWS' pattern: `*` any characters, `|` alternatives (Athena's show-tables page). */
function namePattern(pattern: string | undefined): RegExp | undefined {
  if (pattern === undefined) return undefined;
  const alternatives = pattern.split("|").map((part) => part.trim().replace(/[.+?^${}()[\]\\]/g, "\\$&").replace(/\*/g, ".*"));
  return new RegExp(`^(?:${alternatives.join("|")})$`, "i");
}

function describe(context: StatementContext, statement: Extract<HiveStatement, { kind: "describe" }>): StatementResult {
  const { definition } = requireTable(context, statement.table);
  if (isView(definition)) return describeView(definition);
  const columns = definition.StorageDescriptor?.Columns ?? [];
  const partitionKeys = definition.PartitionKeys ?? [];
  const line = (column: Column): string => `${pad20((column.Name ?? "").toLowerCase())}\t${pad20(column.Type ?? "")}\t${pad20(column.Comment ?? "")}`;
  const resultColumns = [hiveColumn("col_name"), hiveColumn("data_type"), hiveColumn("comment")];
  if (statement.column !== undefined) {
    const column = [...columns, ...partitionKeys].find((candidate) => (candidate.Name ?? "").toLowerCase() === statement.column);
    if (column === undefined) throw hiveFailure(`SemanticException [Error 10002]: Invalid column reference ${statement.column}`);
    return rowsOf(resultColumns, [line(column)]);
  }
  const lines = [...columns, ...partitionKeys].map(line);
  if (partitionKeys.length > 0) {
    lines.push("\t \t ", "# Partition Information\t \t ", `${pad20("# col_name")}\t${pad20("data_type")}\t${pad20("comment")}`, "\t \t ", ...partitionKeys.map(line));
  }
  if (statement.mode === "FORMATTED" || statement.mode === "EXTENDED") {
    const storage = definition.StorageDescriptor ?? {};
    lines.push(
      "\t \t ",
      "# Detailed Table Information\t \t ",
      `Database:           \t${definition.DatabaseName ?? ""}\t `,
      `Table:              \t${definition.Name ?? ""}\t `,
      `Location:           \t${storage.Location ?? ""}\t `,
      `Table Type:         \t${definition.TableType ?? ""}\t `,
      ...Object.entries(definition.Parameters ?? {}).map(([key, value]) => `\t${key}            \t${value}`),
      "\t \t ",
      "# Storage Information\t \t ",
      `SerDe Library:      \t${storage.SerdeInfo?.SerializationLibrary ?? ""}\t `,
      `InputFormat:        \t${storage.InputFormat ?? ""}\t `,
      `OutputFormat:       \t${storage.OutputFormat ?? ""}\t `,
    );
  }
  return rowsOf(resultColumns, lines);
}

function showCreateTable(context: StatementContext, name: HiveName): StatementResult {
  const { database, table, definition } = requireTable(context, name);
  if (isView(definition)) throw hiveFailure(`SemanticException [Error 10001]: Table not found ${database}.${table}`);
  const storage = definition.StorageDescriptor ?? {};
  const quote = (text: string): string => `'${text.replace(/'/g, "\\'")}'`;
  const column = (item: Column, last: boolean): string => `  \`${(item.Name ?? "").toLowerCase()}\` ${item.Type ?? ""}${item.Comment === undefined ? "" : ` COMMENT ${quote(item.Comment)}`}${last ? ")" : ", "}`;
  const columns = storage.Columns ?? [];
  const lines = [`CREATE EXTERNAL TABLE \`${database}\`.\`${table}\`(`, ...columns.map((item, index) => column(item, index === columns.length - 1))];
  if (definition.Description !== undefined) lines.push(`COMMENT ${quote(definition.Description)}`);
  const keys = definition.PartitionKeys ?? [];
  if (keys.length > 0) lines.push("PARTITIONED BY ( ", ...keys.map((item, index) => column(item, index === keys.length - 1)));
  const serdeParameters = Object.entries(storage.SerdeInfo?.Parameters ?? {});
  lines.push("ROW FORMAT SERDE ", `  ${quote(storage.SerdeInfo?.SerializationLibrary ?? LAZY_SIMPLE)} `);
  if (serdeParameters.length > 0) lines.push("WITH SERDEPROPERTIES ( ", ...serdeParameters.map(([key, value], index) => `  ${quote(key)}=${quote(value)}${index === serdeParameters.length - 1 ? ") " : ", "}`));
  lines.push("STORED AS INPUTFORMAT ", `  ${quote(storage.InputFormat ?? TEXT_INPUT)} `, "OUTPUTFORMAT ", `  ${quote(storage.OutputFormat ?? TEXT_OUTPUT)}`, "LOCATION", `  ${quote(storage.Location ?? "")}`);
  const properties = Object.entries(definition.Parameters ?? {}).filter(([key]) => key !== "EXTERNAL");
  if (properties.length > 0) lines.push("TBLPROPERTIES (", ...properties.map(([key, value], index) => `  ${quote(key)}=${quote(value)}${index === properties.length - 1 ? ")" : ", "}`));
  return rowsOf([hiveColumn("createtab_stmt")], lines);
}

/** Runs one DDL statement of Hive's grammar; Glue's refusals become the DDL task's execution errors. */
export async function runHiveDdl(context: StatementContext, statement: HiveStatement): Promise<StatementResult> {
  try {
    return await runHiveStatement(context, statement);
  } catch (error) {
    if (error instanceof AwsError) {
      throw hiveFailure(`Execution Error, return code 1 from org.apache.hadoop.hive.ql.exec.DDLTask. ${error.code}(message:${error.message})`);
    }
    throw error;
  }
}

async function runHiveStatement(context: StatementContext, statement: HiveStatement): Promise<StatementResult> {
  switch (statement.kind) {
    case "createTable":
      return createTable(context, statement);
    case "dropTable": {
      const { database, table } = resolveName(context, statement.table);
      if (!databaseExists(context, database) || context.catalog.findTable(database, table) === undefined) {
        if (statement.ifExists) return NOTHING;
        throw hiveFailure(`SemanticException [Error 10001]: Table not found ${database}.${table}`);
      }
      context.catalog.deleteTable(database, table);
      return NOTHING;
    }
    case "createDatabase": {
      if (databaseExists(context, statement.database)) {
        if (statement.ifNotExists) return NOTHING;
        throw hiveFailure(`Execution Error, return code 1 from org.apache.hadoop.hive.ql.exec.DDLTask. Database ${statement.database} already exists`);
      }
      context.catalog.createDatabase(statement.database, { ...(statement.comment === undefined ? {} : { description: statement.comment }), ...(statement.location === undefined ? {} : { locationUri: statement.location }) });
      return NOTHING;
    }
    case "dropDatabase": {
      if (!databaseExists(context, statement.database)) {
        if (statement.ifExists) return NOTHING;
        throw hiveFailure(`SemanticException [Error 10072]: Database does not exist: ${statement.database}`);
      }
      const tables = context.catalog.listTables(statement.database);
      if (tables.length > 0 && !statement.cascade) {
        throw hiveFailure(`Execution Error, return code 1 from org.apache.hadoop.hive.ql.exec.DDLTask. InvalidOperationException(message:Database ${statement.database} is not empty. One or more tables exist.)`);
      }
      for (const table of tables) context.catalog.deleteTable(statement.database, table.Name ?? "");
      context.catalog.deleteDatabase(statement.database);
      return NOTHING;
    }
    case "addPartitions": {
      const { database, table, definition } = requireTable(context, statement.table);
      const location = tableLocation(definition);
      const storage: StorageDescriptor = definition.StorageDescriptor ?? {};
      const known = new Set(context.catalog.getPartitions(database, table).map((partition) => JSON.stringify(partition.Values ?? [])));
      const partitions: PartitionInput[] = statement.partitions.map(({ spec, location: given }) => {
        const values = partitionValues(definition, spec);
        const target = given ?? (location === undefined ? undefined : s3Uri(location, `${partitionFolder(definition, values)}/`));
        return { Values: values, StorageDescriptor: { ...storage, ...(target === undefined ? {} : { Location: target }) } };
      });
      const duplicate = partitions.find((partition) => known.has(JSON.stringify(partition.Values)));
      if (duplicate !== undefined && !statement.ifNotExists) {
        throw hiveFailure(`Execution Error, return code 1 from org.apache.hadoop.hive.ql.exec.DDLTask. AlreadyExistsException(message:Partition already exists: Partition(values:[${(duplicate.Values ?? []).join(", ")}], dbName:${database}, tableName:${table}))`);
      }
      context.catalog.addPartitions(database, table, partitions);
      return NOTHING;
    }
    case "dropPartitions": {
      const { database, table, definition } = requireTable(context, statement.table);
      const values = statement.partitions.map((spec) => partitionValues(definition, spec));
      const known = new Set(context.catalog.getPartitions(database, table).map((partition) => JSON.stringify(partition.Values ?? [])));
      const missing = values.find((value) => !known.has(JSON.stringify(value)));
      if (missing !== undefined && !statement.ifExists) throw hiveFailure(`SemanticException [Error 10006]: Partition not found (${partitionFolder(definition, missing).replace(/\//g, ", ")})`);
      context.catalog.deletePartitions(database, table, values);
      return NOTHING;
    }
    case "setLocation": {
      const { database, table, definition } = requireTable(context, statement.table);
      if (statement.partition === undefined) {
        context.catalog.updateTable(database, { ...tableInput(definition), StorageDescriptor: { ...definition.StorageDescriptor, Location: statement.location } });
        return NOTHING;
      }
      const values = partitionValues(definition, statement.partition);
      if (context.catalog.deletePartitions(database, table, [values]) === 0) throw hiveFailure(`SemanticException [Error 10006]: Partition not found`);
      context.catalog.addPartitions(database, table, [{ Values: values, StorageDescriptor: { ...definition.StorageDescriptor, Location: statement.location } }]);
      return NOTHING;
    }
    case "setTableProperties": {
      const { database, definition } = requireTable(context, statement.table);
      context.catalog.updateTable(database, { ...tableInput(definition), Parameters: { ...definition.Parameters, ...statement.properties } });
      return NOTHING;
    }
    case "addColumns": {
      const { database, definition } = requireTable(context, statement.table);
      const added = statement.columns.map(checkType);
      const existing = statement.replace ? [] : (definition.StorageDescriptor?.Columns ?? []);
      const duplicate = added.find((column) => [...existing, ...(definition.PartitionKeys ?? [])].some((other) => (other.Name ?? "").toLowerCase() === column.Name));
      if (duplicate !== undefined) throw hiveFailure(`SemanticException [Error 10036]: Duplicate column name: ${duplicate.Name}`);
      context.catalog.updateTable(database, { ...tableInput(definition), StorageDescriptor: { ...definition.StorageDescriptor, Columns: [...existing, ...added] } });
      return NOTHING;
    }
    case "changeColumn": {
      const { database, definition } = requireTable(context, statement.table);
      const columns = definition.StorageDescriptor?.Columns ?? [];
      if (!columns.some((column) => (column.Name ?? "").toLowerCase() === statement.from)) throw hiveFailure(`SemanticException [Error 10002]: Invalid column reference ${statement.from}`);
      const replacement = checkType(statement.column);
      context.catalog.updateTable(database, { ...tableInput(definition), StorageDescriptor: { ...definition.StorageDescriptor, Columns: columns.map((column) => ((column.Name ?? "").toLowerCase() === statement.from ? replacement : column)) } });
      return NOTHING;
    }
    case "renamePartition": {
      const { database, table, definition } = requireTable(context, statement.table);
      const from = partitionValues(definition, statement.from);
      const to = partitionValues(definition, statement.to);
      const existing = context.catalog.getPartitions(database, table).find((partition) => JSON.stringify(partition.Values ?? []) === JSON.stringify(from));
      if (existing === undefined) throw hiveFailure(`SemanticException [Error 10006]: Partition not found`);
      context.catalog.deletePartitions(database, table, [from]);
      context.catalog.addPartitions(database, table, [{ Values: to, StorageDescriptor: existing.StorageDescriptor ?? {} }]);
      return NOTHING;
    }
    case "msckRepair":
      return repairTable(context, statement.table);
    case "showTables": {
      const database = statement.database ?? context.database;
      requireDatabase(context, database);
      const pattern = namePattern(statement.pattern);
      const names = context.catalog.listTables(database).map((table) => (table.Name ?? "").toLowerCase()).filter((name) => pattern === undefined || pattern.test(name)).sort();
      return rowsOf([hiveColumn("tab_name")], names, 0);
    }
    case "showViews": {
      const database = statement.database ?? context.database;
      requireDatabase(context, database);
      const pattern = namePattern(statement.pattern);
      const names = context.catalog.listTables(database).filter(isView).map((table) => (table.Name ?? "").toLowerCase()).filter((name) => pattern === undefined || pattern.test(name)).sort();
      return { columns: [{ name: "views", type: "varchar", precision: 2147483647, scale: 0, caseSensitive: true }], rows: names.map((name) => [name]), bytesScanned: 0, updateCount: 0 };
    }
    case "showDatabases": {
      // Athena matches SHOW DATABASES' pattern as a Java regular expression on the whole name; `*` alone means all.
      let pattern: RegExp | undefined;
      if (statement.pattern !== undefined && statement.pattern !== "*") {
        try {
          pattern = new RegExp(`^(?:${statement.pattern})$`);
        } catch {
          throw new QueryError("FAILED", `Execution Error, return code 1 from org.apache.hadoop.hive.ql.exec.DDLTask. MetaException(message:Unable to get databases: java.util.regex.PatternSyntaxException: ${statement.pattern})`);
        }
      }
      const names = context.catalog.listDatabases().map((database) => database.Name ?? "").filter((name) => pattern === undefined || pattern.test(name)).sort();
      return rowsOf([hiveColumn("database_name")], names, 0);
    }
    case "showColumns": {
      const { definition } = requireTable(context, statement.table);
      if (isView(definition)) return describeView(definition);
      const columns = [...(definition.StorageDescriptor?.Columns ?? []), ...(definition.PartitionKeys ?? [])];
      return rowsOf([hiveColumn("field")], columns.map((column) => pad20((column.Name ?? "").toLowerCase())), 0);
    }
    case "showPartitions": {
      const { database, table, definition } = requireTable(context, statement.table);
      if ((definition.PartitionKeys ?? []).length === 0) throw hiveFailure(`SemanticException [Error 10241]: Table ${table} is not a partitioned table`);
      const lines = context.catalog.getPartitions(database, table).map((partition) => partitionFolder(definition, partition.Values ?? []));
      return rowsOf([hiveColumn("partition")], lines, 0);
    }
    case "showTableProperties": {
      const { definition } = requireTable(context, statement.table);
      const properties = Object.entries(definition.Parameters ?? {});
      const selected = statement.property === undefined ? properties : properties.filter(([key]) => key === statement.property);
      return rowsOf([hiveColumn("prpt_name"), hiveColumn("prpt_value")], selected.map(([key, value]) => `${key}\t${value}`), 0);
    }
    case "showCreateTable":
      return showCreateTable(context, statement.table);
    case "describe":
      return describe(context, statement);
    case "unsupportedDdl":
      throw new DdlEngineRefusal();
  }
}

function tableInput(table: Table): TableInput {
  const { Name, Description, Owner, Retention, StorageDescriptor, PartitionKeys, ViewOriginalText, ViewExpandedText, TableType, Parameters } = table;
  return {
    Name,
    ...(Description === undefined ? {} : { Description }),
    ...(Owner === undefined ? {} : { Owner }),
    ...(Retention === undefined ? {} : { Retention }),
    ...(StorageDescriptor === undefined ? {} : { StorageDescriptor }),
    ...(PartitionKeys === undefined ? {} : { PartitionKeys }),
    ...(ViewOriginalText === undefined ? {} : { ViewOriginalText }),
    ...(ViewExpandedText === undefined ? {} : { ViewExpandedText }),
    ...(TableType === undefined ? {} : { TableType }),
    ...(Parameters === undefined ? {} : { Parameters }),
  };
}
