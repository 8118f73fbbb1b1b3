import type { TableInput } from "@aws-sdk/client-glue";
import { queryErrorAt } from "../errors/athenaErrors";
import { QueryAnalyzer } from "../sql/analyze/QueryAnalyzer";
import type { QualifiedName, Statement } from "../sql/ast";
import { formatQuery } from "../sql/formatSql";
import { parseTrinoQuery } from "../sql/parseTrino";
import { hiveTypeOf } from "../sql/types/hiveTypes";
import { display } from "../sql/types/TrinoType";
import { session } from "./planQuery";
import { databaseExists, isView, prepareRelations, readPrestoView, type PrestoView } from "./prepareRelations";
import { type StatementContext, type StatementResult, engineColumn, timePlanning } from "./StatementContext";

/**
 * Athena's views (https://docs.aws.amazon.com/athena/latest/ug/views.html), stored in Glue as Athena stores them:
 * TableType VIRTUAL_VIEW, `ViewOriginalText` = `/* Presto View: <base64 of the view's JSON> *\/`, `ViewExpandedText`
 * = `/* Presto View *\/`, Parameters `presto_view` = true and `comment` = Presto View, the columns in Hive types.
 * The JSON holds the query as Trino's formatter prints it, the catalog, the schema and the columns in Trino types.
 */

function viewName(context: StatementContext, name: QualifiedName): { database: string; view: string; qualified: string } {
  const parts = name.parts.map((part) => part.value.toLowerCase());
  if (parts.length === 3 && parts[0] !== "awsdatacatalog") throw queryErrorAt("CATALOG_NOT_FOUND", name.at, `Catalog '${parts[0]}' does not exist`);
  const database = parts.length >= 2 ? parts[parts.length - 2]! : context.database;
  const view = parts[parts.length - 1]!;
  return { database, view, qualified: `awsdatacatalog.${database}.${view}` };
}

const NOTHING: StatementResult = { columns: [], rows: [], bytesScanned: 0 };

export async function runCreateView(context: StatementContext, statement: Extract<Statement, { kind: "createView" }>): Promise<StatementResult> {
  const { database, view, qualified } = viewName(context, statement.name);
  if (!/^[a-z0-9_]+$/.test(view)) throw queryErrorAt("INVALID_VIEW", statement.name.at, `Invalid view name '${view}': a view name may contain only letters, numbers and underscores`);
  if (!databaseExists(context, database)) throw queryErrorAt("SCHEMA_NOT_FOUND", statement.name.at, `Schema '${database}' does not exist`);
  const plan = await timePlanning(context.planning, async () => {
    const prepared = await prepareRelations(context, statement.query, false);
    return new QueryAnalyzer(prepared.catalog, session(context)).query(statement.query, undefined, new Map());
  });
  const names: string[] = [];
  plan.columns.forEach((column, index) => {
    if (column.name === undefined) throw queryErrorAt("MISSING_COLUMN_NAME", statement.query.at, `Column name not specified at position ${index + 1}`);
    if (names.includes(column.name)) throw queryErrorAt("DUPLICATE_COLUMN_NAME", statement.query.at, `Column name '${column.name}' specified more than once`);
    if (column.type.kind === "unknown") throw queryErrorAt("COLUMN_TYPE_UNKNOWN", statement.query.at, `Column type is unknown: ${column.name}`);
    names.push(column.name);
  });
  const existing = context.catalog.findTable(database, view);
  if (existing !== undefined) {
    if (!isView(existing)) throw queryErrorAt("TABLE_ALREADY_EXISTS", statement.name.at, `Table already exists: '${qualified}'`);
    if (!statement.orReplace) throw queryErrorAt("TABLE_ALREADY_EXISTS", statement.name.at, `View already exists: '${qualified}'`);
  }
  // Trino stores its formatter's text; if it would not read back, the text as written.
  let originalSql = formatQuery(statement.query);
  try {
    parseTrinoQuery(originalSql);
  } catch {
    originalSql = statement.queryText;
  }
  const json: PrestoView = { originalSql, catalog: "awsdatacatalog", schema: database, columns: plan.columns.map((column) => ({ name: column.name!.toLowerCase(), type: display(column.type) })) };
  const input: TableInput = {
    Name: view,
    TableType: "VIRTUAL_VIEW",
    Parameters: { comment: "Presto View", presto_view: "true" },
    PartitionKeys: [],
    ViewOriginalText: `/* Presto View: ${Buffer.from(JSON.stringify(json)).toString("base64")} */`,
    ViewExpandedText: "/* Presto View */",
    StorageDescriptor: {
      Columns: plan.columns.map((column) => ({ Name: column.name!.toLowerCase(), Type: hiveTypeOf(column.type) ?? display(column.type) })),
      Location: "",
      Compressed: false,
      NumberOfBuckets: 0,
      SerdeInfo: {},
      SortColumns: [],
      StoredAsSubDirectories: false,
    },
  };
  if (existing === undefined) context.catalog.createTable(database, input);
  else context.catalog.updateTable(database, input);
  return NOTHING;
}

export function runDropView(context: StatementContext, statement: Extract<Statement, { kind: "dropView" }>): StatementResult {
  const { database, view, qualified } = viewName(context, statement.name);
  const table = databaseExists(context, database) ? context.catalog.findTable(database, view) : undefined;
  if (table === undefined || !isView(table)) {
    if (statement.exists) return NOTHING;
    throw queryErrorAt("TABLE_NOT_FOUND", statement.at, `View '${qualified}' does not exist`);
  }
  context.catalog.deleteTable(database, view);
  return NOTHING;
}

/** SHOW CREATE VIEW: one row per line of `CREATE VIEW <qualified name> AS` and the stored query (column `create view`). */
export function runShowCreateView(context: StatementContext, statement: Extract<Statement, { kind: "showCreateView" }>): StatementResult {
  const { database, view, qualified } = viewName(context, statement.name);
  const table = databaseExists(context, database) ? context.catalog.findTable(database, view) : undefined;
  if (table === undefined || !isView(table)) {
    if (table !== undefined) throw queryErrorAt("NOT_SUPPORTED", statement.at, `Relation '${qualified}' is a table, not a view`);
    throw queryErrorAt("TABLE_NOT_FOUND", statement.at, `View '${qualified}' does not exist`);
  }
  const json = readPrestoView(table);
  const text = `CREATE VIEW ${qualified} AS\n${json.originalSql.replace(/\n$/, "")}`;
  return { columns: [engineColumn("create view", { kind: "varchar" })], rows: text.split("\n").map((line) => [line]), bytesScanned: 0, updateCount: 0 };
}

/** DESCRIBE or SHOW COLUMNS of a view (Athena's DESC_VIEW): `column`, `type`, each row one tab-joined value. */
export function describeView(table: Parameters<typeof readPrestoView>[0]): StatementResult {
  const json = readPrestoView(table);
  return {
    columns: [engineColumn("column", { kind: "varchar" }), engineColumn("type", { kind: "varchar" })],
    rows: json.columns.map((column) => [`${column.name}\t${column.type}`]),
    bytesScanned: 0,
    updateCount: 0,
    substatementType: "DESC_VIEW",
  };
}

