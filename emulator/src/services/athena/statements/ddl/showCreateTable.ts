import type { Column } from "@aws-sdk/client-glue";
import type { HiveStatementOf } from "../../sql/hiveAst";
import { isView } from "../prepareRelations";
import { hiveColumn, type StatementContext, type StatementResult } from "../StatementContext";
import { hiveFailure } from "./hiveFailure";
import { LAZY_SIMPLE, TEXT_INPUT, TEXT_OUTPUT } from "./hiveFormats";
import { rowsOf } from "./hiveResults";
import { requireTable } from "./requireTable";

/** SHOW CREATE TABLE: the table's CREATE EXTERNAL TABLE statement, a line a row (a view's is SHOW CREATE VIEW's). */
export function showCreateTable(context: StatementContext, statement: HiveStatementOf<"showCreateTable">): StatementResult {
  const { database, table, definition } = requireTable(context, statement.table);
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
