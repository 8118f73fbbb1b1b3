import type { BatchCreatePartitionRequest, BatchCreatePartitionResponse } from "@aws-sdk/client-glue";
import { operation } from "../../../server/JsonService";
import { list, structure } from "../../../server/shapes";
import type { CatalogStore } from "../CatalogStore";
import { catalogId, nameString, partitionInput } from "../glueShapes";

export const batchCreatePartitionInput = structure(
  { CatalogId: catalogId, DatabaseName: nameString, TableName: nameString, PartitionInputList: list(partitionInput, { min: 0, max: 100 }) },
  ["DatabaseName", "TableName", "PartitionInputList"],
);

/** Whole-request errors (no database, no table) are thrown; each partition's own failure is listed in Errors. */
export function batchCreatePartition(catalog: CatalogStore) {
  return operation<BatchCreatePartitionRequest, BatchCreatePartitionResponse, typeof batchCreatePartitionInput>({
    input: batchCreatePartitionInput,
    handle: (input) => {
      const errors = catalog.createPartitions(input.DatabaseName, input.TableName, input.PartitionInputList);
      return errors.length === 0 ? {} : { Errors: errors };
    },
  });
}
