import type { GetPartitionsRequest, GetPartitionsResponse, Partition, Table } from "@aws-sdk/client-glue";
import { operation } from "../../../server/JsonService";
import { boolean, integer, string, structure, timestamp } from "../../../server/shapes";
import type { CatalogStore } from "../CatalogStore";
import { invalidInput } from "../glueErrors";
import { catalogId, nameString, token } from "../glueShapes";
import { page } from "../paging";

export const getPartitionsInput = structure(
  {
    CatalogId: catalogId,
    DatabaseName: nameString,
    TableName: nameString,
    Expression: string({ min: 0, max: 2048 }),
    NextToken: token,
    Segment: structure({ SegmentNumber: integer({ min: 0 }), TotalSegments: integer({ min: 1, max: 10 }) }, ["SegmentNumber", "TotalSegments"]),
    MaxResults: integer({ min: 1, max: 1000 }),
    ExcludeColumnSchema: boolean(),
    TransactionId: string(),
    QueryAsOfTime: timestamp(),
  },
  ["DatabaseName", "TableName"],
);

const CONDITION = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*(=|<>|!=|<=|>=|<|>)\s*(?:'((?:[^']|'')*)'|(-?\d+(?:\.\d+)?))\s*$/;

/**
 * The part of Glue's partition predicate language a course uses: comparisons of a partition key with a
 * literal, joined by AND (`partition_0 = '2026' AND partition_1 >= '11'`). Strings compare as strings,
 * numbers as numbers.
 */
export function partitionFilter(expression: string, table: Table): (partition: Partition) => boolean {
  const keys = (table.PartitionKeys ?? []).map((key) => key.Name!.toLowerCase());
  const conditions = expression.split(/\s+and\s+/i).map((part) => {
    const match = CONDITION.exec(part);
    if (match === null) {
      throw invalidInput(`Unsupported expression: ${expression}`);
    }
    const index = keys.indexOf(match[1]!.toLowerCase());
    if (index < 0) {
      throw invalidInput(`Unknown partition key ${match[1]} in expression: ${expression}`);
    }
    const operator = match[2]!;
    const literal = match[3] !== undefined ? match[3].replace(/''/g, "'") : Number(match[4]);
    return (values: readonly string[]): boolean => {
      const raw = values[index] ?? "";
      const value = typeof literal === "number" ? Number(raw) : raw;
      switch (operator) {
        case "=":
          return value === literal;
        case "<>":
        case "!=":
          return value !== literal;
        case "<":
          return value < literal;
        case ">":
          return value > literal;
        case "<=":
          return value <= literal;
        default:
          return value >= literal;
      }
    };
  });
  return (partition) => conditions.every((condition) => condition(partition.Values ?? []));
}

function comparePartitions(left: Partition, right: Partition): number {
  const a = JSON.stringify(left.Values ?? []);
  const b = JSON.stringify(right.Values ?? []);
  return a < b ? -1 : a > b ? 1 : 0;
}

export function getPartitions(catalog: CatalogStore) {
  return operation<GetPartitionsRequest, GetPartitionsResponse, typeof getPartitionsInput>({
    input: getPartitionsInput,
    handle: (input, context) => {
      const table = catalog.getTable(input.DatabaseName, input.TableName);
      const matches = input.Expression === undefined || input.Expression.trim() === "" ? () => true : partitionFilter(input.Expression, table);
      let partitions = catalog
        .getPartitions(input.DatabaseName, input.TableName)
        .filter(matches)
        .sort(comparePartitions);
      if (input.Segment !== undefined) {
        const { SegmentNumber, TotalSegments } = input.Segment;
        if (SegmentNumber! >= TotalSegments!) {
          throw invalidInput("SegmentNumber must be less than TotalSegments");
        }
        partitions = partitions.filter((_, index) => index % TotalSegments! === SegmentNumber!);
      }
      if (input.ExcludeColumnSchema === true) {
        partitions = partitions.map((partition) =>
          partition.StorageDescriptor === undefined ? partition : { ...partition, StorageDescriptor: { ...partition.StorageDescriptor, Columns: [] } },
        );
      }
      const { items, nextToken } = page(["GetPartitions", input.DatabaseName, input.TableName], partitions, input.NextToken, input.MaxResults ?? 1000, context.now());
      return { Partitions: items, ...(nextToken === undefined ? {} : { NextToken: nextToken }) };
    },
  });
}
