import { join } from "node:path";
import type { Table } from "@aws-sdk/client-glue";
import { AwsError } from "../../../server/AwsError";
import { queryErrorAt } from "../athenaErrors";
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

/** Fills a translated query's table placeholders with scans of the Glue tables; answers the SQL and bytes scanned. */
export async function resolveTables(context: StatementContext, translated: TranslatedQuery): Promise<{ sql: string; bytesScanned: number }> {
  const scans: string[] = [];
  let bytesScanned = 0;
  for (const [index, reference] of translated.tables.entries()) {
    const table = findCatalogTable(context, reference.database, reference.table, at(reference.token));
    if (table === undefined) {
      throw queryErrorAt("TABLE_NOT_FOUND", at(reference.token), `Table 'awsdatacatalog.${reference.database}.${reference.table}' does not exist`);
    }
    const partitions = (table.PartitionKeys ?? []).length > 0 ? context.catalog.getPartitions(reference.database, reference.table) : [];
    const scan = await scanTable(table, partitions, context.s3, join(context.workDir, `table-${index}.json`));
    scans.push(scan.sql);
    bytesScanned += scan.bytesScanned;
  }
  return { sql: translated.sql.replace(/\{\{table:(\d+)\}\}/g, (_, index: string) => scans[Number(index)]!), bytesScanned };
}
