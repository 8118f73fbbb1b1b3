import type { PassRoleCheck } from "../iam/PassRoleCheck";
import type { RoleAuthority } from "../iam/RoleAuthority";
import type { LogGroupStore } from "../logs/LogGroupStore";
import type { JsonService } from "../../server/JsonService";
import type { EmulatorService, ServiceEnvironment } from "../EmulatorService";
import type { S3Objects } from "../s3/S3Objects";
import { CatalogStore } from "./CatalogStore";
import { CrawlerStore } from "./CrawlerStore";
import type { GlueCatalog } from "./GlueCatalog";
import { glueApiOperations } from "./glueApiOperations";
import { lazyOperationTable } from "../lazyOperationTable";

/** Table definitions with many columns and BatchCreatePartition's 100 partitions fit well inside this. */
const MAX_BODY_BYTES = 16 * 1024 * 1024;

/**
 * The Glue Data Catalog and crawlers on JSON 1.1 (`X-Amz-Target: AWSGlue.<Operation>`), state under the
 * environment's directory; `catalog` is the in-process face Athena uses.
 */
export async function createGlueService(environment: ServiceEnvironment, dependencies: { s3: S3Objects; roles?: RoleAuthority; passRole?: PassRoleCheck; logs?: LogGroupStore }): Promise<EmulatorService & { readonly catalog: GlueCatalog }> {
  const { region, accountId, now } = environment.context;
  const catalog = await CatalogStore.open(environment.directory, now, accountId);
  const crawlers = await CrawlerStore.open(environment.directory, {
    catalog,
    s3: dependencies.s3,
    ...(dependencies.roles === undefined ? {} : { roles: dependencies.roles }),
    ...(dependencies.logs === undefined ? {} : { logs: dependencies.logs }),
    region,
    accountId,
    now,
    log: environment.log,
  });
  const json: JsonService = {
    name: "Glue",
    targetPrefix: "AWSGlue",
    errorNamespace: "http://internal.amazon.com/coral/com.amazonaws.glue/",
    apiOperations: glueApiOperations,
    operations: lazyOperationTable(() => (require("./glueOperations") as typeof import("./glueOperations")).glueOperations(catalog, crawlers, dependencies.passRole)),
    maxBodyBytes: MAX_BODY_BYTES,
  };
  return { json, catalog, close: () => crawlers.close() };
}
