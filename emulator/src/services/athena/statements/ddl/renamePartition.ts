import type { HiveStatementOf } from "../../sql/hiveAst";
import type { StatementContext, StatementResult } from "../StatementContext";
import { hiveFailure } from "./hiveFailure";
import { NOTHING } from "./hiveResults";
import { partitionValues } from "./partitionSpecs";
import { requireTable } from "./requireTable";

/** ALTER TABLE PARTITION (...) RENAME TO PARTITION (...): new values, the same storage. */
export function renamePartition(context: StatementContext, statement: HiveStatementOf<"renamePartition">): StatementResult {
  const { database, table, definition } = requireTable(context, statement.table);
  const from = partitionValues(definition, statement.from);
  const to = partitionValues(definition, statement.to);
  const existing = context.catalog.getPartitions(database, table).find((partition) => JSON.stringify(partition.Values ?? []) === JSON.stringify(from));
  if (existing === undefined) throw hiveFailure(`SemanticException [Error 10006]: Partition not found`);
  context.catalog.deletePartitions(database, table, [from]);
  context.catalog.addPartitions(database, table, [{ Values: to, StorageDescriptor: existing.StorageDescriptor ?? {} }]);
  return NOTHING;
}
