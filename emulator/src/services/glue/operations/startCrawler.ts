import type { StartCrawlerRequest } from "@aws-sdk/client-glue";
import { operation } from "../../../server/JsonService";
import { structure } from "../../../server/shapes";
import type { CrawlerStore } from "../CrawlerStore";
import { nameString } from "../glueShapes";
import type { NoOutput } from "../../../server/OperationTable";

export const startCrawlerInput = structure({ Name: nameString }, ["Name"]);

export function startCrawler(crawlers: CrawlerStore) {
  return operation<StartCrawlerRequest, NoOutput, typeof startCrawlerInput>({
    input: startCrawlerInput,
    handle: (input) => {
      crawlers.start(input.Name);
      return {};
    },
  });
}
