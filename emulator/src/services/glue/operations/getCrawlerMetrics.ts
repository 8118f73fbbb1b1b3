import type { GetCrawlerMetricsRequest, GetCrawlerMetricsResponse } from "@aws-sdk/client-glue";
import { operation } from "../../../server/JsonService";
import { integer, list, structure } from "../../../server/shapes";
import type { CrawlerStore } from "../CrawlerStore";
import { nameString, token } from "../glueShapes";
import { page } from "../paging";

export const getCrawlerMetricsInput = structure({ CrawlerNameList: list(nameString, { min: 0, max: 100 }), MaxResults: integer({ min: 1, max: 1000 }), NextToken: token });

export function getCrawlerMetrics(crawlers: CrawlerStore) {
  return operation<GetCrawlerMetricsRequest, GetCrawlerMetricsResponse, typeof getCrawlerMetricsInput>({
    input: getCrawlerMetricsInput,
    handle: (input, context) => {
      const { items, nextToken } = page(["GetCrawlerMetrics"], crawlers.metrics(input.CrawlerNameList), input.NextToken, input.MaxResults ?? 1000, context.now());
      return { CrawlerMetricsList: items, ...(nextToken === undefined ? {} : { NextToken: nextToken }) };
    },
  });
}
