/**
 * The `Grouping` options of a crawler's `Configuration` JSON, which decide where its tables are made:
 * `{"Version":1.0,"Grouping":{"TableGroupingPolicy":"CombineCompatibleSchemas","TableLevelConfiguration":2}}`.
 */
export interface CrawlerGrouping {
  /**
   * `TableGroupingPolicy: CombineCompatibleSchemas` ("Create a single schema for each S3 path"): objects still
   * have to be compatible (format, compression, folder structure), but how similar their schemas are is ignored.
   * https://docs.aws.amazon.com/glue/latest/dg/crawler-grouping-policy.html
   */
  readonly combineCompatibleSchemas: boolean;
  /**
   * `TableLevelConfiguration`: tables are made at this absolute level, the bucket being level 1, with
   * everything below as partitions. https://docs.aws.amazon.com/glue/latest/dg/crawler-table-level.html
   */
  readonly tableLevel?: number;
}

/** Reads the grouping options; anything absent, malformed or unknown leaves Glue's default grouping. */
export function crawlerGrouping(configuration: string | undefined): CrawlerGrouping {
  let grouping: unknown;
  try {
    grouping = configuration === undefined ? undefined : (JSON.parse(configuration) as { Grouping?: unknown }).Grouping;
  } catch {
    grouping = undefined;
  }
  if (typeof grouping !== "object" || grouping === null) {
    return { combineCompatibleSchemas: false };
  }
  const { TableGroupingPolicy: policy, TableLevelConfiguration: level } = grouping as Record<string, unknown>;
  return {
    combineCompatibleSchemas: policy === "CombineCompatibleSchemas",
    ...(typeof level === "number" && Number.isInteger(level) && level >= 1 ? { tableLevel: level } : {}),
  };
}
