import type { CreateTableRequest } from "@aws-sdk/client-glue";
import { operation } from "../../../server/JsonService";
import { list, string, structure } from "../../../server/shapes";
import type { CatalogStore } from "../CatalogStore";
import { catalogId, nameString, tableInput } from "../glueShapes";
import type { NoOutput } from "../../../server/OperationTable";

export const createTableInput = structure(
  { CatalogId: catalogId, DatabaseName: nameString, TableInput: tableInput, PartitionIndexes: list(structure({ Keys: list(nameString), IndexName: nameString })), TransactionId: string() },
  ["DatabaseName", "TableInput"],
);

export function createTable(catalog: CatalogStore) {
  return operation<CreateTableRequest, NoOutput, typeof createTableInput>({
    input: createTableInput,
    handle: (input) => {
      catalog.createTable(input.DatabaseName, input.TableInput);
      return {};
    },
  });
}

