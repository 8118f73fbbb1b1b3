import type { Column } from "@aws-sdk/client-glue";
import type { HiveStatementOf } from "../../sql/hiveAst";
import { isView } from "../prepareRelations";
import { describeView } from "../runView";
import { hiveColumn, type StatementContext, type StatementResult } from "../StatementContext";
import { hiveFailure } from "./hiveFailure";
import { pad20, rowsOf } from "./hiveResults";
import { requireTable } from "./requireTable";

/** DESCRIBE [FORMATTED | EXTENDED] table [column]: `col_name`, `data_type`, `comment`, each padded to 20 characters. */
export function describe(context: StatementContext, statement: HiveStatementOf<"describe">): StatementResult {
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
