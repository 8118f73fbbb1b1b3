import type { CreateDatabaseRequest } from "@aws-sdk/client-glue";
import { operation } from "../../../server/JsonService";
import { structure } from "../../../server/shapes";
import type { CatalogStore } from "../CatalogStore";
import { catalogId, databaseInput, tagsMap } from "../glueShapes";
import type { NoOutput } from "../../../server/OperationTable";

export const createDatabaseInput = structure({ CatalogId: catalogId, DatabaseInput: databaseInput, Tags: tagsMap }, ["DatabaseInput"]);

export function createDatabase(catalog: CatalogStore) {
  return operation<CreateDatabaseRequest, NoOutput, typeof createDatabaseInput>({
    input: createDatabaseInput,
    handle: (input) => {
      catalog.createDatabaseFromInput(input.DatabaseInput);
      return {};
    },
  });
}
