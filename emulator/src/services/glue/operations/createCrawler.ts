import type { CreateCrawlerRequest } from "@aws-sdk/client-glue";
import { operation } from "../../../server/JsonService";
import { list, string, structure } from "../../../server/shapes";
import type { PassRoleCheck } from "../../iam/PassRoleCheck";
import type { CrawlerStore } from "../CrawlerStore";
import { crawlerRoleArn } from "../crawler/crawlerRole";
import { crawlerTargets, descriptionString, nameString, recrawlPolicy, schemaChangePolicy, tagsMap } from "../glueShapes";
import type { NoOutput } from "../../../server/OperationTable";

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

/** `passRole`: the check that the caller may pass the crawler's role (absent in-process: everything is allowed). */
export function createCrawler(crawlers: CrawlerStore, passRole?: PassRoleCheck) {
  return operation<CreateCrawlerRequest, NoOutput, typeof createCrawlerInput>({
    input: createCrawlerInput,
    handle: (input, context) => {
      passRole?.require(context.caller, [crawlerRoleArn(input.Role, context.accountId)], "glue.amazonaws.com");
      crawlers.create(input);
      return {};
    },
  });
}
