import type { PartitionInput } from "@aws-sdk/client-glue";
import { s3Uri } from "../../scan/s3Location";
import type { HiveStatementOf } from "../../sql/hiveAst";
import type { StatementContext, StatementResult } from "../StatementContext";
import { rowsOf } from "./hiveResults";
import { tableLocation } from "./partitionSpecs";
import { requireTable } from "./requireTable";

/** MSCK REPAIR TABLE: adds the partitions whose `key=value/` folders hold objects but the catalog does not know. */
export async function msckRepair(context: StatementContext, statement: HiveStatementOf<"msckRepair">): Promise<StatementResult> {
  const { database, table, definition } = requireTable(context, statement.table);
  const keys = (definition.PartitionKeys ?? []).map((key) => (key.Name ?? "").toLowerCase());
  const location = tableLocation(definition);
  if (keys.length === 0 || location === undefined || !context.s3.bucketExists(location.bucket)) return rowsOf([], []);
  const known = new Set(context.catalog.getPartitions(database, table).map((partition) => JSON.stringify(partition.Values ?? [])));
  const found = new Map<string, string[]>();
  for await (const object of context.s3.listObjects(location.bucket, location.prefix)) {
    const segments = object.key.slice(location.prefix.length).split("/");
    if (segments.length <= keys.length) continue;
    const folders = segments.slice(0, keys.length);
    const values = folders.map((folder, index) => (folder.toLowerCase().startsWith(`${keys[index]}=`) ? decodeURIComponent(folder.slice(keys[index]!.length + 1)) : undefined));
    if (values.every((value) => value !== undefined)) found.set(folders.join("/"), values as string[]);
  }
  const missing = [...found].filter(([, values]) => !known.has(JSON.stringify(values)));
  const storage = definition.StorageDescriptor ?? {};
  const partitions: PartitionInput[] = missing.map(([folder, values]) => ({ Values: values, StorageDescriptor: { ...storage, Location: s3Uri(location, `${folder}/`) } }));
  if (partitions.length > 0) context.catalog.addPartitions(database, table, partitions);
  const lines = missing.length === 0 ? [] : [`Partitions not in metastore:\t${missing.map(([folder]) => `${table}:${folder}`).join("\t")}`, ...missing.map(([folder]) => `Repair: Added partition to metastore ${table}:${folder}`)];
  return rowsOf([], lines);
}
