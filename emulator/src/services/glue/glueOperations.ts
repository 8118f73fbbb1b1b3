import type { CatalogStore } from "./CatalogStore";
import type { CrawlerStore } from "./CrawlerStore";
import { batchCreatePartition } from "./operations/batchCreatePartition";
import { createCrawler } from "./operations/createCrawler";
import { createDatabase } from "./operations/createDatabase";
import { createTable } from "./operations/createTable";
import { deleteCrawler } from "./operations/deleteCrawler";
import { deleteDatabase } from "./operations/deleteDatabase";
import { deleteTable } from "./operations/deleteTable";
import { getCrawler } from "./operations/getCrawler";
import { getCrawlerMetrics } from "./operations/getCrawlerMetrics";
import { getCrawlers } from "./operations/getCrawlers";
import { getDatabase } from "./operations/getDatabase";
import { getDatabases } from "./operations/getDatabases";
import { getPartitions } from "./operations/getPartitions";
import { getTable } from "./operations/getTable";
import { getTables } from "./operations/getTables";
import { startCrawler } from "./operations/startCrawler";
import { stopCrawler } from "./operations/stopCrawler";
import { updateTable } from "./operations/updateTable";
import type * as Glue from "@aws-sdk/client-glue";
import type { OperationTable } from "../../server/OperationTable";
import type { PassRoleCheck } from "../iam/PassRoleCheck";

/** The operations the emulator answers, by the SDK's names: a misspelled name or output field is a compile error. */
export function glueOperations(catalog: CatalogStore, crawlers: CrawlerStore, passRole?: PassRoleCheck) {
  return {
    BatchCreatePartition: batchCreatePartition(catalog),
    CreateCrawler: createCrawler(crawlers, passRole),
    CreateDatabase: createDatabase(catalog),
    CreateTable: createTable(catalog),
    DeleteCrawler: deleteCrawler(crawlers),
    DeleteDatabase: deleteDatabase(catalog),
    DeleteTable: deleteTable(catalog),
    GetCrawler: getCrawler(crawlers),
    GetCrawlerMetrics: getCrawlerMetrics(crawlers),
    GetCrawlers: getCrawlers(crawlers),
    GetDatabase: getDatabase(catalog),
    GetDatabases: getDatabases(catalog),
    GetPartitions: getPartitions(catalog),
    GetTable: getTable(catalog),
    GetTables: getTables(catalog),
    StartCrawler: startCrawler(crawlers),
    StopCrawler: stopCrawler(crawlers),
    UpdateTable: updateTable(catalog),
  } satisfies OperationTable<typeof Glue>;
}

// Also here for the suites that load this module alone (test/support/jsonFuzzCases.ts).
export { glueApiOperations } from "./glueApiOperations";
