import type { GetCrawlersRequest, GetCrawlersResponse } from "@aws-sdk/client-glue";
import { operation } from "../../../server/JsonService";
import { integer, structure } from "../../../server/shapes";
import type { CrawlerStore } from "../CrawlerStore";
import { token } from "../glueShapes";
import { page } from "../paging";

export const getCrawlersInput = structure({ MaxResults: integer({ min: 1, max: 1000 }), NextToken: token });

export function getCrawlers(crawlers: CrawlerStore) {
  return operation<GetCrawlersRequest, GetCrawlersResponse, typeof getCrawlersInput>({
    input: getCrawlersInput,
    handle: (input, context) => {
      const { items, nextToken } = page(["GetCrawlers"], crawlers.list(), input.NextToken, input.MaxResults ?? 1000, context.now());
      return { Crawlers: items, ...(nextToken === undefined ? {} : { NextToken: nextToken }) };
    },
  });
}
