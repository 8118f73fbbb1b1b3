import type { TableInput } from "@aws-sdk/client-glue";
import { QueryError } from "../../errors/athenaErrors";
import type { HiveStatementOf, RowFormat } from "../../sql/hiveAst";
import type { StatementContext, StatementResult } from "../StatementContext";
import { checkType } from "./checkType";
import { hiveFailure } from "./hiveFailure";
import { LAZY_SIMPLE, STORED_AS, TEXT_INPUT, TEXT_OUTPUT } from "./hiveFormats";
import { NOTHING } from "./hiveResults";
import { requireDatabase, resolveName } from "./requireTable";

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

/** CREATE [EXTERNAL] TABLE: a Glue table of the statement's columns, partition keys, SerDe and formats. */
export function createTable(context: StatementContext, statement: HiveStatementOf<"createTable">): StatementResult {
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
