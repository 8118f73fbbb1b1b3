import type { Table } from "@aws-sdk/client-glue";
import type { HiveName } from "../../sql/hiveAst";
import { databaseExists } from "../prepareRelations";
import type { StatementContext } from "../StatementContext";
import { hiveFailure } from "./hiveFailure";

/** A statement's table name, in the query's database when it names none. */
export function resolveName(context: StatementContext, name: HiveName): { database: string; table: string } {
  return { database: name.database ?? context.database, table: name.name };
}

export function requireDatabase(context: StatementContext, database: string): void {
  if (!databaseExists(context, database)) throw hiveFailure(`SemanticException [Error 10072]: Database does not exist: ${database}`);
}

export function requireTable(context: StatementContext, name: HiveName): { database: string; table: string; definition: Table } {
  const { database, table } = resolveName(context, name);
  requireDatabase(context, database);
  const definition = context.catalog.findTable(database, table);
  if (definition === undefined) throw hiveFailure(`SemanticException [Error 10001]: Table not found ${database}.${table}`);
  return { database, table, definition };
}
