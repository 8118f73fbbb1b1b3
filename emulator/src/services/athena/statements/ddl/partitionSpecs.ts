import type { Table } from "@aws-sdk/client-glue";
import { parseS3Location } from "../../scan/s3Location";
import type { PartitionSpec } from "../../sql/hiveAst";
import { hiveFailure } from "./hiveFailure";

/** A PARTITION (key=value, ...) clause's values in the order of the table's partition keys. */
export function partitionValues(table: Table, spec: PartitionSpec): string[] {
  const keys = (table.PartitionKeys ?? []).map((key) => (key.Name ?? "").toLowerCase());
  const given = new Map(spec);
  if (given.size !== keys.length || keys.some((key) => !given.has(key))) {
    throw hiveFailure(`SemanticException [Error 10006]: Partition not found ${spec.map(([key, value]) => `${key}=${value}`).join(", ")}`);
  }
  return keys.map((key) => given.get(key)!);
}

/** A partition's folder under its table's location: `key=value/key=value`. */
export function partitionFolder(table: Table, values: readonly string[]): string {
  return (table.PartitionKeys ?? []).map((key, index) => `${(key.Name ?? "").toLowerCase()}=${values[index]}`).join("/");
}

export function tableLocation(table: Table): ReturnType<typeof parseS3Location> {
  return parseS3Location(table.StorageDescriptor?.Location ?? "");
}
