import { catalogName, type CatalogStore } from "../CatalogStore";
import type { Authorize } from "./crawlerAccess";

/** What the crawler reads and writes of the Data Catalog. */
export type CrawlerCatalog = Pick<CatalogStore, "getDatabase" | "findTable" | "getTable" | "createTable" | "updateTable" | "deleteTable" | "addPartitions" | "getPartitions" | "deletePartitions">;

/**
 * The Data Catalog as the crawler's role sees it: each call needs its Glue action on the catalog, the database
 * and (for table and partition calls) the table, as "Specifying AWS Glue resource ARNs" lists them
 * (https://docs.aws.amazon.com/glue/latest/dg/glue-specifying-resource-arns.html).
 */
export function roleBoundCatalog(catalog: CatalogStore, authorize: Authorize, where: { readonly region: string; readonly accountId: string }): CrawlerCatalog {
  const base = `arn:aws:glue:${where.region}:${where.accountId}`;
  const onDatabase = (database: string): string[] => [`${base}:catalog`, `${base}:database/${catalogName(database)}`];
  const onTable = (database: string, table: string): string[] => [...onDatabase(database), `${base}:table/${catalogName(database)}/${catalogName(table)}`];
  return {
    getDatabase: (name) => {
      authorize("glue:GetDatabase", onDatabase(name));
      return catalog.getDatabase(name);
    },
    findTable: (database, table) => {
      authorize("glue:GetTable", onTable(database, table));
      return catalog.findTable(database, table);
    },
    getTable: (database, table) => {
      authorize("glue:GetTable", onTable(database, table));
      return catalog.getTable(database, table);
    },
    createTable: (database, input) => {
      authorize("glue:CreateTable", onTable(database, input.Name ?? ""));
      return catalog.createTable(database, input);
    },
    updateTable: (database, input) => {
      authorize("glue:UpdateTable", onTable(database, input.Name ?? ""));
      return catalog.updateTable(database, input);
    },
    deleteTable: (database, table) => {
      authorize("glue:DeleteTable", onTable(database, table));
      catalog.deleteTable(database, table);
    },
    addPartitions: (database, table, partitions) => {
      authorize("glue:BatchCreatePartition", onTable(database, table));
      return catalog.addPartitions(database, table, partitions);
    },
    getPartitions: (database, table) => {
      authorize("glue:GetPartitions", onTable(database, table));
      return catalog.getPartitions(database, table);
    },
    deletePartitions: (database, table, values) => {
      authorize("glue:BatchDeletePartition", onTable(database, table));
      return catalog.deletePartitions(database, table, values);
    },
  };
}
