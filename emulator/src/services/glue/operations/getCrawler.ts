import type { GetCrawlerRequest, GetCrawlerResponse } from "@aws-sdk/client-glue";
import { operation } from "../../../server/JsonService";
import { structure } from "../../../server/shapes";
import type { CrawlerStore } from "../CrawlerStore";
import { nameString } from "../glueShapes";

export const getCrawlerInput = structure({ Name: nameString }, ["Name"]);

export function getCrawler(crawlers: CrawlerStore) {
  return operation<GetCrawlerRequest, GetCrawlerResponse, typeof getCrawlerInput>({
    input: getCrawlerInput,
    handle: (input) => ({ Crawler: crawlers.get(input.Name) }),
  });
}
