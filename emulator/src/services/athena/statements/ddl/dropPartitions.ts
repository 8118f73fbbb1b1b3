import type { HiveStatementOf } from "../../sql/hiveAst";
import type { StatementContext, StatementResult } from "../StatementContext";
import { hiveFailure } from "./hiveFailure";
import { NOTHING } from "./hiveResults";
import { partitionFolder, partitionValues } from "./partitionSpecs";
import { requireTable } from "./requireTable";

/** ALTER TABLE DROP [IF EXISTS] PARTITION. */
export function dropPartitions(context: StatementContext, statement: HiveStatementOf<"dropPartitions">): StatementResult {
  const { database, table, definition } = requireTable(context, statement.table);
  const values = statement.partitions.map((spec) => partitionValues(definition, spec));
  const known = new Set(context.catalog.getPartitions(database, table).map((partition) => JSON.stringify(partition.Values ?? [])));
  const missing = values.find((value) => !known.has(JSON.stringify(value)));
  if (missing !== undefined && !statement.ifExists) throw hiveFailure(`SemanticException [Error 10006]: Partition not found (${partitionFolder(definition, missing).replace(/\//g, ", ")})`);
  context.catalog.deletePartitions(database, table, values);
  return NOTHING;
}
