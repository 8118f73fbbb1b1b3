import type { DeleteDatabaseRequest } from "@aws-sdk/client-glue";
import { operation } from "../../../server/JsonService";
import { structure } from "../../../server/shapes";
import type { CatalogStore } from "../CatalogStore";
import { catalogId, nameString } from "../glueShapes";
import type { NoOutput } from "../../../server/OperationTable";

export const deleteDatabaseInput = structure({ CatalogId: catalogId, Name: nameString }, ["Name"]);

export function deleteDatabase(catalog: CatalogStore) {
  return operation<DeleteDatabaseRequest, NoOutput, typeof deleteDatabaseInput>({
    input: deleteDatabaseInput,
    handle: (input) => {
      catalog.deleteDatabase(input.Name);
      return {};
    },
  });
}
