import type { GetTablesRequest, GetTablesResponse } from "@aws-sdk/client-glue";
import { operation } from "../../../server/JsonService";
import { boolean, integer, list, string, structure, timestamp } from "../../../server/shapes";
import type { CatalogStore } from "../CatalogStore";
import { invalidInput } from "../glueErrors";
import { catalogId, filterString, nameString, token } from "../glueShapes";
import { page } from "../paging";

export const getTablesInput = structure(
  {
    CatalogId: catalogId,
    DatabaseName: nameString,
    Expression: filterString,
    NextToken: token,
    MaxResults: integer({ min: 1, max: 100 }),
    TransactionId: string(),
    QueryAsOfTime: timestamp(),
    IncludeStatusDetails: boolean(),
    AttributesToGet: list(string({ enum: ["NAME", "TABLE_TYPE"] })),
  },
  ["DatabaseName"],
);

/**
 * Glue's Expression is a regular expression matched against the whole (lower-case) name, case-insensitively;
 * as in Hive's SHOW TABLES, a `*` that follows no atom it could repeat means "anything" (`sales*`, `*_raw`).
 */
export function tableNameMatcher(expression: string): (name: string) => boolean {
  const pattern = expression.replace(/(^|[^.\])}\\*+?])\*/g, "$1.*");
  let regex: RegExp;
  try {
    regex = new RegExp(`^(?:${pattern})$`, "i");
  } catch {
    throw invalidInput(`Invalid expression: ${expression}`);
  }
  return (name) => regex.test(name);
}

export function getTables(catalog: CatalogStore) {
  return operation<GetTablesRequest, GetTablesResponse, typeof getTablesInput>({
    input: getTablesInput,
    handle: (input, context) => {
      const matches = input.Expression === undefined || input.Expression === "" ? () => true : tableNameMatcher(input.Expression);
      const tables = catalog.listTables(input.DatabaseName).filter((table) => matches(table.Name!));
      const { items, nextToken } = page(["GetTables", input.DatabaseName], tables, input.NextToken, input.MaxResults ?? 100, context.now());
      const attributes = input.AttributesToGet;
      const shown =
        attributes === undefined ? items : items.map((table) => ({ Name: table.Name, ...(attributes.includes("TABLE_TYPE") ? { TableType: table.TableType } : {}) }));
      return { TableList: shown, ...(nextToken === undefined ? {} : { NextToken: nextToken }) };
    },
  });
}
