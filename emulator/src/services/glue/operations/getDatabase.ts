import type { GetDatabaseRequest, GetDatabaseResponse } from "@aws-sdk/client-glue";
import { operation } from "../../../server/JsonService";
import { structure } from "../../../server/shapes";
import type { CatalogStore } from "../CatalogStore";
import { catalogId, nameString } from "../glueShapes";

export const getDatabaseInput = structure({ CatalogId: catalogId, Name: nameString }, ["Name"]);

export function getDatabase(catalog: CatalogStore) {
  return operation<GetDatabaseRequest, GetDatabaseResponse, typeof getDatabaseInput>({
    input: getDatabaseInput,
    handle: (input) => ({ Database: catalog.getDatabase(input.Name) }),
  });
}
