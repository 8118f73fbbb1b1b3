import type { Column, PartitionInput, StorageDescriptor, TableInput } from "@aws-sdk/client-glue";
import { AwsError } from "../../../server/AwsError";
import { QueryError, queryErrorAt } from "../athenaErrors";
import { parseS3Location, s3Uri } from "../s3Location";
import type { SqlToken } from "../sqlTokens";
import { at } from "../translateQuery";
import { findCatalogTable } from "./resolveTables";
import type { StatementContext, StatementResult } from "./StatementContext";
import { readTableName } from "./tableName";

/** A DDL or utility statement's answer: one text column, no header row (Athena writes these as `.txt`). */
function textResult(statementType: "DDL" | "UTILITY", column: string, lines: readonly string[]): StatementResult {
  return { statementType, columns: [{ name: column, type: "varchar" }], rows: lines.map((line) => [line]), headerRow: false, bytesScanned: 0 };
}

const NOTHING: StatementResult = { statementType: "DDL", columns: [], rows: [], headerRow: false, bytesScanned: 0 };

/** Hive's error for DDL: `FAILED: SemanticException ...` or an execution error of the DDL task. */
function hiveError(message: string): QueryError {
  return new QueryError("FAILED", message);
}

class Cursor {
  i = 0;
  constructor(readonly tokens: readonly SqlToken[]) {}

  peek(offset = 0): SqlToken | undefined {
    return this.tokens[this.i + offset];
  }

  accept(...words: string[]): boolean {
    if (words.every((word, index) => this.tokens[this.i + index]?.value === word)) {
      this.i += words.length;
      return true;
    }
    return false;
  }

  expect(word: string): void {
    if (!this.accept(word)) {
      const token = this.peek();
      throw queryErrorAt("SYNTAX_ERROR", at(token ?? this.tokens[this.tokens.length - 1]), `mismatched input '${token?.text ?? "<EOF>"}'. Expecting: '${word.toUpperCase()}'`);
    }
  }

  string(): string {
    const token = this.peek();
    if (token?.kind !== "string") {
      throw queryErrorAt("SYNTAX_ERROR", at(token ?? this.tokens[this.tokens.length - 1]), `mismatched input '${token?.text ?? "<EOF>"}'. Expecting: <string>`);
    }
    this.i++;
    return token.value;
  }

  name(): string {
    const token = this.peek();
    if (token === undefined || (token.kind !== "word" && token.kind !== "quoted")) {
      throw queryErrorAt("SYNTAX_ERROR", at(token ?? this.tokens[this.tokens.length - 1]), `mismatched input '${token?.text ?? "<EOF>"}'. Expecting: <identifier>`);
    }
    this.i++;
    return token.value;
  }

  /** A Hive type written as tokens (`array < struct < a : int > >`, `decimal(10,2)`), up to a top-level `,` or `)`. */
  hiveType(): string {
    let depth = 0;
    let text = "";
    for (;;) {
      const token = this.peek();
      if (token === undefined || (depth === 0 && (token.value === "," || token.value === ")" || token.value === "comment"))) break;
      if (token.value === "<" || token.value === "(") depth++;
      if (token.value === ">" || token.value === ")") depth--;
      // `>>` never arrives as one token: the tokenizer knows no such symbol.
      text += token.kind === "quoted" ? token.value : token.text.toLowerCase();
      this.i++;
    }
    return text;
  }

  columns(): Column[] {
    this.expect("(");
    const columns: Column[] = [];
    while (!this.accept(")")) {
      const name = this.name();
      const type = this.hiveType();
      const column: Column = { Name: name, Type: type };
      if (this.accept("comment")) column.Comment = this.string();
      columns.push(column);
      this.accept(",");
    }
    return columns;
  }

  properties(): Record<string, string> {
    this.expect("(");
    const properties: Record<string, string> = {};
    while (!this.accept(")")) {
      const key = this.string();
      this.expect("=");
      properties[key] = this.string();
      this.accept(",");
    }
    return properties;
  }

  done(): boolean {
    return this.i >= this.tokens.length;
  }
}

const PARQUET_STORAGE = {
  InputFormat: "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat",
  OutputFormat: "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat",
  SerdeInfo: { SerializationLibrary: "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe", Parameters: {} as Record<string, string> },
};
const TEXT_INPUT = "org.apache.hadoop.mapred.TextInputFormat";
const TEXT_OUTPUT = "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat";
const LAZY_SIMPLE = "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe";

function unescapeDelimiter(text: string): string {
  return text.replace(/\\t/g, "\t").replace(/\\n/g, "\n").replace(/\\(\d{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8))).replace(/\\u([0-9a-fA-F]{4})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** `CREATE EXTERNAL TABLE` in Hive DDL, registered in Glue as Athena registers it. */
function createExternalTable(context: StatementContext, cursor: Cursor): StatementResult {
  const ifNotExists = cursor.accept("if", "not", "exists");
  const name = readTableName(cursor.tokens, cursor.i, context.database);
  cursor.i = name.end;
  const columns = cursor.columns();
  let comment: string | undefined;
  let partitionKeys: Column[] = [];
  let library = LAZY_SIMPLE;
  let serdeParameters: Record<string, string> = {};
  let storage: Omit<StorageDescriptor, "Columns" | "Location" | "SerdeInfo"> = { InputFormat: TEXT_INPUT, OutputFormat: TEXT_OUTPUT };
  let location: string | undefined;
  let tableProperties: Record<string, string> = {};
  let classification: string | undefined;
  while (!cursor.done()) {
    if (cursor.accept("comment")) comment = cursor.string();
    else if (cursor.accept("partitioned", "by")) partitionKeys = cursor.columns();
    else if (cursor.accept("row", "format", "serde")) {
      library = cursor.string();
      if (cursor.accept("with", "serdeproperties")) serdeParameters = { ...serdeParameters, ...cursor.properties() };
    } else if (cursor.accept("row", "format", "delimited")) {
      library = LAZY_SIMPLE;
      for (;;) {
        if (cursor.accept("fields", "terminated", "by")) {
          const delimiter = unescapeDelimiter(cursor.string());
          serdeParameters["field.delim"] = delimiter;
          serdeParameters["serialization.format"] = delimiter;
        } else if (cursor.accept("escaped", "by")) serdeParameters["escape.delim"] = cursor.string();
        else if (cursor.accept("lines", "terminated", "by")) serdeParameters["line.delim"] = unescapeDelimiter(cursor.string());
        else if (cursor.accept("collection", "items", "terminated", "by")) serdeParameters["collection.delim"] = unescapeDelimiter(cursor.string());
        else if (cursor.accept("map", "keys", "terminated", "by")) serdeParameters["mapkey.delim"] = unescapeDelimiter(cursor.string());
        else break;
      }
    } else if (cursor.accept("with", "serdeproperties")) serdeParameters = { ...serdeParameters, ...cursor.properties() };
    else if (cursor.accept("stored", "as", "inputformat")) {
      storage = { InputFormat: cursor.string() };
      cursor.expect("outputformat");
      storage = { ...storage, OutputFormat: cursor.string() };
    } else if (cursor.accept("stored", "as")) {
      const format = cursor.name();
      if (format === "parquet") {
        storage = { InputFormat: PARQUET_STORAGE.InputFormat, OutputFormat: PARQUET_STORAGE.OutputFormat };
        library = PARQUET_STORAGE.SerdeInfo.SerializationLibrary;
        classification = "parquet";
      } else if (format === "textfile") {
        storage = { InputFormat: TEXT_INPUT, OutputFormat: TEXT_OUTPUT };
      } else {
        throw new QueryError("NOT_SUPPORTED", `STORED AS ${format.toUpperCase()} is not supported by the gpu-stream emulator (PARQUET, TEXTFILE)`);
      }
    } else if (cursor.accept("location")) location = cursor.string();
    else if (cursor.accept("tblproperties")) tableProperties = { ...tableProperties, ...cursor.properties() };
    else {
      const token = cursor.peek()!;
      throw queryErrorAt("SYNTAX_ERROR", at(token), `mismatched input '${token.text}'. Expecting: 'COMMENT', 'LOCATION', 'PARTITIONED', 'ROW', 'STORED', 'TBLPROPERTIES'`);
    }
  }
  if (location === undefined || parseS3Location(location) === undefined) {
    throw hiveError("SemanticException [Error 10326]: Invalid LOCATION: an external table needs an s3:// location");
  }
  if (findCatalogTable(context, name.database, name.table, at(name.token)) !== undefined) {
    if (ifNotExists) return NOTHING;
    throw hiveError(`Execution Error, return code 1 from org.apache.hadoop.hive.ql.exec.DDLTask. AlreadyExistsException(message:Table ${name.table} already exists)`);
  }
  classification ??= /json/i.test(library) ? "json" : /parquet/i.test(library) ? "parquet" : "csv";
  const input: TableInput = {
    Name: name.table,
    TableType: "EXTERNAL_TABLE",
    ...(comment === undefined ? {} : { Description: comment }),
    Parameters: { EXTERNAL: "TRUE", classification, ...tableProperties },
    PartitionKeys: partitionKeys,
    StorageDescriptor: { ...storage, Columns: columns, Location: location, SerdeInfo: { SerializationLibrary: library, Parameters: serdeParameters } },
  };
  context.catalog.createTable(name.database, input);
  return NOTHING;
}

function requireTable(context: StatementContext, cursor: Cursor) {
  const name = readTableName(cursor.tokens, cursor.i, context.database);
  cursor.i = name.end;
  const table = findCatalogTable(context, name.database, name.table, at(name.token));
  if (table === undefined) {
    throw queryErrorAt("TABLE_NOT_FOUND", at(name.token), `Table 'awsdatacatalog.${name.database}.${name.table}' does not exist`);
  }
  return { name, table };
}

function likePattern(pattern: string): RegExp {
  // Hive's SHOW ... LIKE pattern: `*` any characters, `|` alternatives.
  const alternatives = pattern.split("|").map((part) => part.trim().replace(/[.+?^${}()[\]\\]/g, "\\$&").replace(/\*/g, ".*"));
  return new RegExp(`^(?:${alternatives.join("|")})$`, "i");
}

/** Adds the partitions found under the table's location as `key=value/...` folders (MSCK REPAIR TABLE). */
async function repairTable(context: StatementContext, cursor: Cursor): Promise<StatementResult> {
  const { name, table } = requireTable(context, cursor);
  const keys = (table.PartitionKeys ?? []).map((key) => (key.Name ?? "").toLowerCase());
  const location = parseS3Location(table.StorageDescriptor?.Location ?? "");
  if (keys.length === 0 || location === undefined || !context.s3.bucketExists(location.bucket)) return textResult("DDL", "result", []);
  const known = new Set(context.catalog.getPartitions(name.database, name.table).map((partition) => JSON.stringify(partition.Values ?? [])));
  const found = new Map<string, string[]>();
  for await (const object of context.s3.listObjects(location.bucket, location.prefix)) {
    const folders = object.key.slice(location.prefix.length).split("/").slice(0, keys.length);
    if (folders.length < keys.length || object.key.slice(location.prefix.length).split("/").length <= keys.length) continue;
    const values = folders.map((folder, index) => (folder.toLowerCase().startsWith(`${keys[index]}=`) ? decodeURIComponent(folder.slice(keys[index]!.length + 1)) : undefined));
    if (values.every((value) => value !== undefined)) found.set(folders.join("/"), values as string[]);
  }
  const missing = [...found].filter(([, values]) => !known.has(JSON.stringify(values)));
  const partitions: PartitionInput[] = missing.map(([folder, values]) => ({ Values: values, StorageDescriptor: { ...table.StorageDescriptor, Location: s3Uri(location, `${folder}/`) } }));
  if (partitions.length > 0) context.catalog.addPartitions(name.database, name.table, partitions);
  const lines = missing.length === 0 ? [] : [`Partitions not in metastore:\t${missing.map(([folder]) => `${name.table}:${folder}`).join("\t")}`, ...missing.map(([folder]) => `Repair: Added partition to metastore ${name.table}:${folder}`)];
  return textResult("DDL", "result", lines);
}

/** `ALTER TABLE t ADD [IF NOT EXISTS] PARTITION (k = 'v', ...) [LOCATION 's3://...'] [PARTITION ...]`. */
function addPartitions(context: StatementContext, cursor: Cursor): StatementResult {
  const { name, table } = requireTable(context, cursor);
  cursor.expect("add");
  const ifNotExists = cursor.accept("if", "not", "exists");
  const keys = (table.PartitionKeys ?? []).map((key) => (key.Name ?? "").toLowerCase());
  const tableLocation = parseS3Location(table.StorageDescriptor?.Location ?? "");
  const partitions: PartitionInput[] = [];
  while (cursor.accept("partition")) {
    cursor.expect("(");
    const values = new Map<string, string>();
    while (!cursor.accept(")")) {
      const key = cursor.name();
      cursor.expect("=");
      const token = cursor.peek();
      values.set(key, token?.kind === "string" ? cursor.string() : cursor.name());
      cursor.accept(",");
    }
    const missing = keys.find((key) => !values.has(key));
    if (missing !== undefined || values.size !== keys.length) {
      throw hiveError(`SemanticException [Error 10006]: Partition not found: the partition spec must name every partition key (${keys.join(", ")})`);
    }
    const folder = keys.map((key) => `${key}=${values.get(key)}`).join("/");
    const location = cursor.accept("location") ? cursor.string() : tableLocation === undefined ? undefined : s3Uri(tableLocation, `${folder}/`);
    partitions.push({ Values: keys.map((key) => values.get(key)!), StorageDescriptor: { ...table.StorageDescriptor, ...(location === undefined ? {} : { Location: location }) } });
  }
  const known = new Set(context.catalog.getPartitions(name.database, name.table).map((partition) => JSON.stringify(partition.Values ?? [])));
  const duplicate = partitions.find((partition) => known.has(JSON.stringify(partition.Values)));
  if (duplicate !== undefined && !ifNotExists) {
    throw hiveError(`Execution Error, return code 1 from org.apache.hadoop.hive.ql.exec.DDLTask. AlreadyExistsException(message:Partition already exists: ${JSON.stringify(duplicate.Values)})`);
  }
  context.catalog.addPartitions(name.database, name.table, partitions);
  return NOTHING;
}

function show(context: StatementContext, cursor: Cursor): StatementResult {
  if (cursor.accept("databases") || cursor.accept("schemas")) {
    const pattern = cursor.accept("like") ? likePattern(cursor.string()) : undefined;
    const names = context.catalog.listDatabases().map((database) => database.Name ?? "").filter((name) => pattern === undefined || pattern.test(name)).sort();
    return textResult("UTILITY", "database_name", names);
  }
  if (cursor.accept("tables")) {
    let database = context.database;
    if (cursor.accept("in") || cursor.accept("from")) database = cursor.name();
    const pattern = cursor.peek()?.kind === "string" ? likePattern(cursor.string()) : undefined;
    findCatalogTable(context, database, "", undefined);
    const names = context.catalog.listTables(database).map((table) => (table.Name ?? "").toLowerCase()).filter((name) => pattern === undefined || pattern.test(name)).sort();
    return textResult("UTILITY", "tab_name", names);
  }
  if (cursor.accept("columns")) {
    if (!cursor.accept("in")) cursor.expect("from");
    const { table } = requireTable(context, cursor);
    const columns = [...(table.StorageDescriptor?.Columns ?? []), ...(table.PartitionKeys ?? [])];
    return textResult("UTILITY", "field", columns.map((column) => (column.Name ?? "").toLowerCase()));
  }
  if (cursor.accept("partitions")) {
    const { name, table } = requireTable(context, cursor);
    const keys = (table.PartitionKeys ?? []).map((key) => (key.Name ?? "").toLowerCase());
    const lines = context.catalog.getPartitions(name.database, name.table).map((partition) => keys.map((key, index) => `${key}=${partition.Values?.[index] ?? ""}`).join("/"));
    return textResult("UTILITY", "partition", lines.sort());
  }
  const token = cursor.peek();
  throw queryErrorAt("SYNTAX_ERROR", at(token ?? cursor.tokens[0]), `mismatched input '${token?.text ?? "<EOF>"}'. Expecting: 'COLUMNS', 'DATABASES', 'PARTITIONS', 'SCHEMAS', 'TABLES'`);
}

function describe(context: StatementContext, cursor: Cursor): StatementResult {
  cursor.accept("formatted") || cursor.accept("extended");
  const { table } = requireTable(context, cursor);
  const line = (column: Column): string => `${(column.Name ?? "").toLowerCase().padEnd(20)}\t${(column.Type ?? "").padEnd(20)}\t${column.Comment ?? ""}`;
  const lines = (table.StorageDescriptor?.Columns ?? []).map(line);
  const partitionKeys = table.PartitionKeys ?? [];
  if (partitionKeys.length > 0) {
    lines.push("", "# Partition Information", `${"# col_name".padEnd(20)}\t${"data_type".padEnd(20)}\tcomment`, "", ...partitionKeys.map(line));
  }
  return textResult("UTILITY", "col_name", lines);
}

function catalogFailure(error: unknown): never {
  if (error instanceof AwsError) {
    throw hiveError(`Execution Error, return code 1 from org.apache.hadoop.hive.ql.exec.DDLTask. ${error.code.replace(/Exception$/, "")}Exception(message:${error.message})`);
  }
  throw error;
}

/** CREATE EXTERNAL TABLE, DROP TABLE, SHOW, DESCRIBE, MSCK REPAIR TABLE, CREATE/DROP DATABASE. */
export async function runDdl(context: StatementContext): Promise<StatementResult> {
  const cursor = new Cursor(context.tokens);
  try {
    if (cursor.accept("create", "external", "table") || cursor.accept("create", "table")) {
      return createExternalTable(context, cursor);
    }
    if (cursor.accept("create", "database") || cursor.accept("create", "schema")) {
      const ifNotExists = cursor.accept("if", "not", "exists");
      const name = cursor.name();
      const options: { description?: string; locationUri?: string } = {};
      while (!cursor.done()) {
        if (cursor.accept("comment")) options.description = cursor.string();
        else if (cursor.accept("location")) options.locationUri = cursor.string();
        else if (cursor.accept("with", "dbproperties")) cursor.properties();
        else cursor.expect("location");
      }
      if (ifNotExists && context.catalog.listDatabases().some((database) => database.Name === name)) return NOTHING;
      context.catalog.createDatabase(name, options);
      return NOTHING;
    }
    if (cursor.accept("drop", "database") || cursor.accept("drop", "schema")) {
      const ifExists = cursor.accept("if", "exists");
      const name = cursor.name();
      const cascade = cursor.accept("cascade");
      if (!context.catalog.listDatabases().some((database) => database.Name === name)) {
        if (ifExists) return NOTHING;
        throw hiveError(`SemanticException [Error 10072]: Database does not exist: ${name}`);
      }
      if (!cascade && context.catalog.listTables(name).length > 0) {
        throw hiveError(`Execution Error, return code 1 from org.apache.hadoop.hive.ql.exec.DDLTask. InvalidOperationException(message:Database ${name} is not empty. One or more tables exist.)`);
      }
      context.catalog.deleteDatabase(name);
      return NOTHING;
    }
    if (cursor.accept("drop", "table")) {
      const ifExists = cursor.accept("if", "exists");
      const name = readTableName(cursor.tokens, cursor.i, context.database);
      if (findCatalogTable(context, name.database, name.table, at(name.token)) === undefined) {
        if (ifExists) return NOTHING;
        throw hiveError(`SemanticException [Error 10001]: Line ${name.token.line}:${name.token.column - 1} Table not found '${name.table}'`);
      }
      context.catalog.deleteTable(name.database, name.table);
      return NOTHING;
    }
    if (cursor.accept("alter", "table")) {
      const serdeProperties = context.tokens.findIndex((token, index) => token.value === "serdeproperties" && context.tokens[index - 1]?.value === "set");
      if (serdeProperties >= 0) {
        // Athena lists ALTER TABLE SET SERDEPROPERTIES among its unsupported DDL (docs: unsupported-ddl); its
        // exact answer is not documented. A table's SerDe parameters change through Glue's UpdateTable.
        throw queryErrorAt("NOT_SUPPORTED", at(context.tokens[serdeProperties - 1]), "ALTER TABLE SET SERDEPROPERTIES is not supported by Athena: change the table's SerDe parameters with Glue's UpdateTable");
      }
      return addPartitions(context, cursor);
    }
    if (cursor.accept("msck", "repair", "table")) {
      return await repairTable(context, cursor);
    }
    if (cursor.accept("show")) {
      return show(context, cursor);
    }
    if (cursor.accept("describe") || cursor.accept("desc")) {
      return describe(context, cursor);
    }
  } catch (error) {
    if (error instanceof QueryError) throw error;
    catalogFailure(error);
  }
  const first = context.tokens[0]!;
  throw queryErrorAt("NOT_SUPPORTED", at(first), `The gpu-stream emulator does not run this '${first.text.toUpperCase()}' statement`);
}
