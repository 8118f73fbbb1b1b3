// PLACEHOLDER until the Glue service lands: every operation answers UnknownOperation.
import type { EmulatorService, ServiceEnvironment } from "../EmulatorService";
import type { S3Objects } from "../s3/S3Objects";
import type { GlueCatalog } from "./GlueCatalog";

export async function createGlueService(_environment: ServiceEnvironment, _dependencies: { s3: S3Objects }): Promise<EmulatorService & { readonly catalog: GlueCatalog }> {
  return {
    json: { name: "Glue", targetPrefix: "AWSGlue", errorNamespace: "", apiOperations: [], operations: {}, maxBodyBytes: 1024 * 1024 },
    catalog: undefined as unknown as GlueCatalog,
    close: async () => undefined,
  };
}
