import { GetPartitionsCommand, GetTableCommand, type GlueClient } from "@aws-sdk/client-glue";

export interface TableView {
  readonly name: string;
  readonly location: string;
  readonly columns: readonly { readonly name: string; readonly type: string }[];
  readonly partitionKeys: readonly { readonly name: string; readonly type: string }[];
  /** Each partition's values (e.g. `["2026", "11", "28", "09"]`) and its S3 folder. */
  readonly partitions: readonly { readonly values: readonly string[]; readonly location: string }[];
  readonly classification?: string;
}

/** What the crawler put in the Data Catalog for a table: its columns, partition keys and partitions. */
export async function describeTable(glue: GlueClient, database: string, table: string): Promise<TableView> {
  const { Table: found } = await glue.send(new GetTableCommand({ DatabaseName: database, Name: table }));
  const partitions: { values: string[]; location: string }[] = [];
  let token: string | undefined;
  do {
    const page = await glue.send(new GetPartitionsCommand({ DatabaseName: database, TableName: table, ...(token === undefined ? {} : { NextToken: token }) }));
    for (const partition of page.Partitions ?? []) {
      partitions.push({ values: partition.Values ?? [], location: partition.StorageDescriptor?.Location ?? "" });
    }
    token = page.NextToken;
  } while (token !== undefined);
  partitions.sort((a, b) => a.values.join("/").localeCompare(b.values.join("/")));
  const columnsOf = (columns: { Name?: string; Type?: string }[] | undefined) => (columns ?? []).map((column) => ({ name: column.Name ?? "", type: column.Type ?? "" }));
  const classification = found?.Parameters?.["classification"];
  return {
    name: found?.Name ?? table,
    location: found?.StorageDescriptor?.Location ?? "",
    columns: columnsOf(found?.StorageDescriptor?.Columns),
    partitionKeys: columnsOf(found?.PartitionKeys),
    partitions,
    ...(classification === undefined ? {} : { classification }),
  };
}

/** The view as a few lines: columns, partition keys, then the partitions. */
export function formatTableView(view: TableView): string {
  const describe = (columns: TableView["columns"]): string => columns.map((column) => `${column.name} ${column.type}`).join(", ");
  return [
    `table ${view.name} at ${view.location}${view.classification === undefined ? "" : ` (${view.classification})`}`,
    `  columns:        ${describe(view.columns)}`,
    `  partition keys: ${describe(view.partitionKeys)}`,
    `  partitions:     ${view.partitions.length}`,
    ...view.partitions.map((partition) => `    ${partition.values.join("/")}  ${partition.location}`),
  ].join("\n");
}
