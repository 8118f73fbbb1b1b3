import type { GetTableRequest, GetTableResponse } from "@aws-sdk/client-glue";
import { operation } from "../../../server/JsonService";
import { boolean, string, structure, timestamp } from "../../../server/shapes";
import type { CatalogStore } from "../CatalogStore";
import { catalogId, nameString } from "../glueShapes";

export const getTableInput = structure(
  { CatalogId: catalogId, DatabaseName: nameString, Name: nameString, TransactionId: string(), QueryAsOfTime: timestamp(), IncludeStatusDetails: boolean() },
  ["DatabaseName", "Name"],
);

export function getTable(catalog: CatalogStore) {
  return operation<GetTableRequest, GetTableResponse, typeof getTableInput>({
    input: getTableInput,
    handle: (input) => ({ Table: catalog.getTable(input.DatabaseName, input.Name) }),
  });
}
