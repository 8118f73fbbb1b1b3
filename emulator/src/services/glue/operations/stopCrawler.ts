import type { StopCrawlerRequest } from "@aws-sdk/client-glue";
import { operation } from "../../../server/JsonService";
import { structure } from "../../../server/shapes";
import type { CrawlerStore } from "../CrawlerStore";
import { nameString } from "../glueShapes";
import type { NoOutput } from "../../../server/OperationTable";

export const stopCrawlerInput = structure({ Name: nameString }, ["Name"]);

export function stopCrawler(crawlers: CrawlerStore) {
  return operation<StopCrawlerRequest, NoOutput, typeof stopCrawlerInput>({
    input: stopCrawlerInput,
    handle: (input) => {
      crawlers.stop(input.Name);
      return {};
    },
  });
}
