import type { DeleteTableRequest } from "@aws-sdk/client-glue";
import { operation } from "../../../server/JsonService";
import { string, structure } from "../../../server/shapes";
import type { CatalogStore } from "../CatalogStore";
import { catalogId, nameString } from "../glueShapes";
import type { NoOutput } from "../../../server/OperationTable";

export const deleteTableInput = structure({ CatalogId: catalogId, DatabaseName: nameString, Name: nameString, TransactionId: string() }, ["DatabaseName", "Name"]);

export function deleteTable(catalog: CatalogStore) {
  return operation<DeleteTableRequest, NoOutput, typeof deleteTableInput>({
    input: deleteTableInput,
    handle: (input) => {
      catalog.deleteTable(input.DatabaseName, input.Name);
      return {};
    },
  });
}
