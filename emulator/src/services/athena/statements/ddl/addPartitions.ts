import type { PartitionInput, StorageDescriptor } from "@aws-sdk/client-glue";
import { s3Uri } from "../../scan/s3Location";
import type { HiveStatementOf } from "../../sql/hiveAst";
import type { StatementContext, StatementResult } from "../StatementContext";
import { hiveFailure } from "./hiveFailure";
import { NOTHING } from "./hiveResults";
import { partitionFolder, partitionValues, tableLocation } from "./partitionSpecs";
import { requireTable } from "./requireTable";

/** ALTER TABLE ADD [IF NOT EXISTS] PARTITION: each at its LOCATION, or at its folder under the table's. */
export function addPartitions(context: StatementContext, statement: HiveStatementOf<"addPartitions">): StatementResult {
  const { database, table, definition } = requireTable(context, statement.table);
  const location = tableLocation(definition);
  const storage: StorageDescriptor = definition.StorageDescriptor ?? {};
  const known = new Set(context.catalog.getPartitions(database, table).map((partition) => JSON.stringify(partition.Values ?? [])));
  const partitions: PartitionInput[] = statement.partitions.map(({ spec, location: given }) => {
    const values = partitionValues(definition, spec);
    const target = given ?? (location === undefined ? undefined : s3Uri(location, `${partitionFolder(definition, values)}/`));
    return { Values: values, StorageDescriptor: { ...storage, ...(target === undefined ? {} : { Location: target }) } };
  });
  const duplicate = partitions.find((partition) => known.has(JSON.stringify(partition.Values)));
  if (duplicate !== undefined && !statement.ifNotExists) {
    throw hiveFailure(`Execution Error, return code 1 from org.apache.hadoop.hive.ql.exec.DDLTask. AlreadyExistsException(message:Partition already exists: Partition(values:[${(duplicate.Values ?? []).join(", ")}], dbName:${database}, tableName:${table}))`);
  }
  context.catalog.addPartitions(database, table, partitions);
  return NOTHING;
}
