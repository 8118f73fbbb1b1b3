import { join } from "node:path";
import type { Table } from "@aws-sdk/client-glue";
import { AwsError } from "../../../server/AwsError";
import { queryErrorAt } from "../athenaErrors";
import { directJsonScans } from "../directJsonScan";
import { scanTable } from "../tableScan";
import { at, type TranslatedQuery } from "../translateQuery";
import type { StatementContext } from "./StatementContext";

/** Looks a table up as Athena does: SCHEMA_NOT_FOUND for a missing database, TABLE_NOT_FOUND for a missing table. */
export function findCatalogTable(context: StatementContext, database: string, table: string, position: { line: number; column: number } | undefined): Table | undefined {
  try {
    context.catalog.getDatabase(database);
  } catch (error) {
    if (error instanceof AwsError && error.code === "EntityNotFoundException") {
      throw queryErrorAt("SCHEMA_NOT_FOUND", position, `Schema '${database}' does not exist`);
    }
    throw error;
  }
  return context.catalog.findTable(database, table);
}

/**
 * Fills a translated query's table placeholders with scans of the Glue tables; answers the SQL, bytes scanned,
 * and whether any JSON table is read directly by DuckDB (allowed by `direct`).
 */
async function resolveTables(context: StatementContext, translated: TranslatedQuery, direct: boolean): Promise<{ sql: string; bytesScanned: number; direct: boolean }> {
  const scans: string[] = [];
  let bytesScanned = 0;
  let anyDirect = false;
  for (const [index, reference] of translated.tables.entries()) {
    const table = findCatalogTable(context, reference.database, reference.table, at(reference.token));
    if (table === undefined) {
      throw queryErrorAt("TABLE_NOT_FOUND", at(reference.token), `Table 'awsdatacatalog.${reference.database}.${reference.table}' does not exist`);
    }
    const partitions = (table.PartitionKeys ?? []).length > 0 ? context.catalog.getPartitions(reference.database, reference.table) : [];
    const scan = await scanTable(table, partitions, context.s3, join(context.workDir, `table-${index}.json`), direct);
    scans.push(scan.sql);
    bytesScanned += scan.bytesScanned;
    anyDirect ||= scan.direct;
  }
  return { sql: translated.sql.replace(/\{\{table:(\d+)\}\}/g, (_, index: string) => scans[Number(index)]!), bytesScanned, direct: anyDirect };
}

/**
 * Runs `work` on the query's SQL over the Glue tables, JSON read directly by DuckDB where it can be. A direct
 * read fails rather than answer differently from the JavaScript reader, and `work` fails as a whole, so any
 * failure is retried over the JavaScript reader, whose answer (or error) is the query's.
 */
export async function runOverTables<T>(context: StatementContext, translated: TranslatedQuery, work: (sql: string) => Promise<T>): Promise<{ result: T; bytesScanned: number }> {
  const fast = await resolveTables(context, translated, true);
  if (fast.direct) {
    try {
      const result = await work(fast.sql);
      directJsonScans.count++;
      return { result, bytesScanned: fast.bytesScanned };
    } catch {
      // Answered below by the JavaScript reader.
    }
  }
  const exact = fast.direct ? await resolveTables(context, translated, false) : fast;
  return { result: await work(exact.sql), bytesScanned: exact.bytesScanned };
}
