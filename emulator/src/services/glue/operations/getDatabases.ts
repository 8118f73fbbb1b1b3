import type { GetDatabasesRequest, GetDatabasesResponse } from "@aws-sdk/client-glue";
import { operation } from "../../../server/JsonService";
import { integer, list, string, structure } from "../../../server/shapes";
import type { CatalogStore } from "../CatalogStore";
import { catalogId, token } from "../glueShapes";
import { page } from "../paging";

export const getDatabasesInput = structure({
  CatalogId: catalogId,
  NextToken: token,
  MaxResults: integer({ min: 1, max: 100 }),
  ResourceShareType: string({ enum: ["FOREIGN", "ALL", "FEDERATED"] }),
  AttributesToGet: list(string({ enum: ["NAME", "TARGET_DATABASE"] })),
});

export function getDatabases(catalog: CatalogStore) {
  return operation<GetDatabasesRequest, GetDatabasesResponse, typeof getDatabasesInput>({
    input: getDatabasesInput,
    handle: (input, context) => {
      const { items, nextToken } = page(["GetDatabases"], catalog.listDatabases(), input.NextToken, input.MaxResults ?? 100, context.now());
      const namesOnly = input.AttributesToGet !== undefined && !input.AttributesToGet.includes("TARGET_DATABASE") && input.AttributesToGet.includes("NAME");
      return { DatabaseList: namesOnly ? items.map((database) => ({ Name: database.Name })) : items, ...(nextToken === undefined ? {} : { NextToken: nextToken }) };
    },
  });
}
