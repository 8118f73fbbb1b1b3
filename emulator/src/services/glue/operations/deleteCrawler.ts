import type { DeleteCrawlerRequest } from "@aws-sdk/client-glue";
import { operation } from "../../../server/JsonService";
import { structure } from "../../../server/shapes";
import type { CrawlerStore } from "../CrawlerStore";
import { nameString } from "../glueShapes";
import type { NoOutput } from "../../../server/OperationTable";

export const deleteCrawlerInput = structure({ Name: nameString }, ["Name"]);

export function deleteCrawler(crawlers: CrawlerStore) {
  return operation<DeleteCrawlerRequest, NoOutput, typeof deleteCrawlerInput>({
    input: deleteCrawlerInput,
    handle: (input) => {
      crawlers.delete(input.Name);
      return {};
    },
  });
}
