import { join } from "node:path";
import type { Table } from "@aws-sdk/client-glue";
import { AwsError } from "../../../protocol/AwsError";
import { QueryError } from "../errors/athenaErrors";
import { HIDDEN_COLUMNS, type HiddenColumn, scanTable } from "../scan/tableScan";
import type { CatalogColumn, CatalogTable, CatalogView, RelationCatalog } from "../sql/analyze/RelationCatalog";
import type { Statement } from "../sql/ast";
import { collectRelations } from "../sql/collectRelations";
import { parseTrinoQuery, parseTrinoType } from "../sql/parseTrino";
import { parseHiveType } from "../sql/types/hiveTypes";
import { resolveDataType } from "../sql/analyze/resolveDataType";
import type { TrinoType } from "../sql/types/TrinoType";
import type { StatementContext } from "./StatementContext";

/** The Presto view JSON inside a Glue view's ViewOriginalText (`/* Presto View: <base64> *\/`), as Athena writes it. */
export interface PrestoView {
  readonly originalSql: string;
  readonly catalog: string;
  readonly schema: string;
  readonly columns: readonly { readonly name: string; readonly type: string }[];
  readonly owner?: string;
  readonly runAsInvoker?: boolean;
}

export function isView(table: Table): boolean {
  return table.TableType === "VIRTUAL_VIEW" && (table.ViewOriginalText ?? "").startsWith("/* Presto View: ");
}

export function readPrestoView(table: Table): PrestoView {
  const text = table.ViewOriginalText ?? "";
  const encoded = text.slice("/* Presto View: ".length, text.lastIndexOf(" */"));
  return JSON.parse(Buffer.from(encoded, "base64").toString("utf8")) as PrestoView;
}

const HIDDEN_TYPES: Readonly<Record<HiddenColumn, TrinoType>> = {
  $path: { kind: "varchar" },
  $file_size: { kind: "bigint" },
  $file_modified_time: { kind: "timestamp", precision: 3, withTimeZone: true },
};

export interface PreparedRelations {
  readonly catalog: RelationCatalog;
  readonly bytesScanned: number;
  /** Whether any JSON table is read by DuckDB's read_json (the fast path, which fails where it would differ). */
  readonly direct: boolean;
}

/** Looks a database up as Athena does for DDL; undefined when it does not exist. */
export function databaseExists(context: StatementContext, database: string): boolean {
  try {
    context.catalog.getDatabase(database);
    return true;
  } catch (error) {
    if (error instanceof AwsError && error.code === "EntityNotFoundException") return false;
    throw error;
  }
}

function columnsOf(table: Table): CatalogColumn[] {
  return [...(table.StorageDescriptor?.Columns ?? []), ...(table.PartitionKeys ?? [])].map((column) => {
    const type = column.Type ?? "string";
    let trino: TrinoType;
    try {
      trino = parseHiveType(type);
    } catch (error) {
      throw new QueryError("HIVE_INVALID_METADATA", `Hive table '${table.DatabaseName}.${table.Name}' is corrupt: ${error instanceof Error ? error.message : String(error)}`);
    }
    return { name: (column.Name ?? "").toLowerCase(), type: trino };
  });
}

/**
 * Prepares what a statement reads: each Glue table it names, its objects listed and its scan written; each view's
 * query parsed (and its own tables prepared). The analyzer then looks them up without waiting.
 */
export async function prepareRelations(context: StatementContext, statement: Statement, direct: boolean): Promise<PreparedRelations> {
  const tables = new Map<string, CatalogTable | CatalogView>();
  let bytesScanned = 0;
  let anyDirect = false;
  let counter = 0;
  // Columns the statement cannot read are left out of a direct JSON scan (pruned; views read all of theirs).
  const outer = collectRelations(statement);
  const pruneTo = outer.allColumns ? undefined : outer.identifiers;
  let throughView = false;
  const visit = async (target: Statement, schema: string): Promise<void> => {
    const names = collectRelations(target);
    const hidden = HIDDEN_COLUMNS.filter((column) => names.hiddenColumns.has(column));
    for (const name of names.tables) {
      const parts = name.parts.map((part) => part.value.toLowerCase());
      if (parts.length > 3 || (parts.length === 3 && parts[0] !== "awsdatacatalog")) continue;
      const database = parts.length >= 2 ? parts[parts.length - 2]! : schema;
      const tableName = parts[parts.length - 1]!;
      const key = `${database}.${tableName}`;
      if (tables.has(key) || !databaseExists(context, database)) continue;
      const table = context.catalog.findTable(database, tableName);
      if (table === undefined) continue;
      if (isView(table)) {
        const view = readPrestoView(table);
        const query = parseTrinoQuery(view.originalSql);
        tables.set(key, { kind: "view", database, name: tableName, query, columns: view.columns.map((column) => ({ name: column.name, type: resolveDataType(parseTrinoType(column.type)) })) });
        throughView = true;
        await visit(query, view.schema);
        continue;
      }
      // The schema first: a type Hive cannot parse is corrupt metadata, before any object is read.
      const columns = columnsOf(table);
      const partitions = (table.PartitionKeys ?? []).length > 0 ? context.catalog.getPartitions(database, tableName) : [];
      const scan = await scanTable(table, partitions, {
        s3: context.s3,
        workFile: join(context.workDir, `table-${counter++}.json`),
        direct,
        hidden,
        ...(throughView || pruneTo === undefined ? {} : { readColumns: pruneTo }),
        signal: context.signal,
      });
      for (const object of scan.objects) context.localPaths.remember(object.path, object.uri);
      bytesScanned += scan.bytesScanned;
      anyDirect ||= scan.direct;
      tables.set(key, {
        kind: "table",
        database,
        name: tableName,
        columns,
        hiddenColumns: hidden.map((column) => ({ name: column, type: HIDDEN_TYPES[column] })),
        scanSql: scan.sql,
      });
    }
  };
  await visit(statement, context.database);
  const catalog: RelationCatalog = {
    schemaExists: (database) => databaseExists(context, database),
    lookup: (database, name) => tables.get(`${database}.${name}`),
  };
  return { catalog, bytesScanned, direct: anyDirect };
}
