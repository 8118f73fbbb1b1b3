import type { HiveStatementOf } from "../../sql/hiveAst";
import type { StatementContext, StatementResult } from "../StatementContext";
import { hiveFailure } from "./hiveFailure";
import { NOTHING } from "./hiveResults";
import { partitionValues } from "./partitionSpecs";
import { requireTable } from "./requireTable";
import { tableInput } from "./tableInput";

/** ALTER TABLE [PARTITION (...)] SET LOCATION: the table's location, or one partition's. */
export function setLocation(context: StatementContext, statement: HiveStatementOf<"setLocation">): StatementResult {
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
