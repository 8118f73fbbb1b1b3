import type { UpdateTableRequest } from "@aws-sdk/client-glue";
import { operation } from "../../../server/JsonService";
import { boolean, string, structure } from "../../../server/shapes";
import type { CatalogStore } from "../CatalogStore";
import { catalogId, nameString, tableInput } from "../glueShapes";
import type { NoOutput } from "../../../server/OperationTable";

export const updateTableInput = structure(
  { CatalogId: catalogId, DatabaseName: nameString, TableInput: tableInput, SkipArchive: boolean(), TransactionId: string(), VersionId: string() },
  ["DatabaseName", "TableInput"],
);

export function updateTable(catalog: CatalogStore) {
  return operation<UpdateTableRequest, NoOutput, typeof updateTableInput>({
    input: updateTableInput,
    handle: (input) => {
      catalog.updateTable(input.DatabaseName, input.TableInput);
      return {};
    },
  });
}
