import type { QueryService } from "../../server/query/QueryService";
import type { ServiceEnvironment } from "../EmulatorService";
import { lazyOperationTable } from "../lazyOperationTable";
import { RoleStore } from "./RoleStore";

/** IAM roles and their policies on the AWS query protocol (API version 2010-05-08), state under the environment's directory. */
export async function createIamService(environment: ServiceEnvironment): Promise<{ readonly query: QueryService; readonly roles: RoleStore; close(): Promise<void> }> {
  const roles = await RoleStore.open(environment.directory);
  const query: QueryService = {
    signingName: "iam",
    version: "2010-05-08",
    xmlNamespace: "https://iam.amazonaws.com/doc/2010-05-08/",
    actions: lazyOperationTable(() => (require("./iamOperations") as typeof import("./iamOperations")).iamOperations(roles)),
  };
  return { query, roles, close: async () => undefined };
}
