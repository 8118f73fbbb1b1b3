import type { HiveStatementOf } from "../../sql/hiveAst";
import { hiveColumn, type StatementContext, type StatementResult } from "../StatementContext";
import { hiveFailure } from "./hiveFailure";
import { rowsOf } from "./hiveResults";
import { partitionFolder } from "./partitionSpecs";
import { requireTable } from "./requireTable";

/** SHOW PARTITIONS: each partition as its folder, `key=value/key=value`. */
export function showPartitions(context: StatementContext, statement: HiveStatementOf<"showPartitions">): StatementResult {
  const { database, table, definition } = requireTable(context, statement.table);
  if ((definition.PartitionKeys ?? []).length === 0) throw hiveFailure(`SemanticException [Error 10241]: Table ${table} is not a partitioned table`);
  const lines = context.catalog.getPartitions(database, table).map((partition) => partitionFolder(definition, partition.Values ?? []));
  return rowsOf([hiveColumn("partition")], lines, 0);
}
