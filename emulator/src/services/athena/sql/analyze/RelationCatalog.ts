import type { Query } from "../ast";
import type { TrinoType } from "../types/TrinoType";

export interface CatalogColumn {
  readonly name: string;
  readonly type: TrinoType;
}

/** A Glue table, its objects already listed: a DuckDB subquery that reads it, columns named as in Glue. */
export interface CatalogTable {
  readonly kind: "table";
  readonly database: string;
  readonly name: string;
  /** Data columns, then partition keys. */
  readonly columns: readonly CatalogColumn[];
  /** `"$path"`, `"$file_size"`, `"$file_modified_time"`, read only when a query names them. */
  readonly hiddenColumns: readonly CatalogColumn[];
  /** SQL of the subquery; its columns are the lower-cased column names and the hidden columns' names. */
  readonly scanSql: string;
}

/** An Athena view (a Presto view in Glue): its query, and the columns it was created with. */
export interface CatalogView {
  readonly kind: "view";
  readonly database: string;
  readonly name: string;
  readonly query: Query;
  readonly columns: readonly CatalogColumn[];
}

/** What the analyzer may read of the Glue Data Catalog, synchronously (scans are prepared before analysis). */
export interface RelationCatalog {
  schemaExists(database: string): boolean;
  lookup(database: string, name: string): CatalogTable | CatalogView | undefined;
}
