import type { CreateCrawlerRequest } from "@aws-sdk/client-glue";
import { operation } from "../../../server/JsonService";
import { list, string, structure } from "../../../server/shapes";
import type { CrawlerStore } from "../CrawlerStore";
import { crawlerTargets, descriptionString, nameString, recrawlPolicy, schemaChangePolicy, tagsMap } from "../glueShapes";
import type { NoOutput } from "../operationTypes";

export const createCrawlerInput = structure(
  {
    Name: nameString,
    Role: string(),
    DatabaseName: string(),
    Description: descriptionString,
    Targets: crawlerTargets,
    Schedule: string(),
    Classifiers: list(nameString),
    TablePrefix: string({ min: 0, max: 128 }),
    SchemaChangePolicy: schemaChangePolicy,
    RecrawlPolicy: recrawlPolicy,
    Configuration: string(),
    CrawlerSecurityConfiguration: string({ min: 0, max: 128 }),
    Tags: tagsMap,
  },
  ["Name", "Role", "Targets"],
);

export function createCrawler(crawlers: CrawlerStore) {
  return operation<CreateCrawlerRequest, NoOutput>({
    input: createCrawlerInput,
    handle: (input) => {
      crawlers.create(input);
      return {};
    },
  });
}
