// PLACEHOLDER until the Athena service lands.
import type { EmulatorService, ServiceEnvironment } from "../EmulatorService";
import type { GlueCatalog } from "../glue/GlueCatalog";
import type { S3Objects } from "../s3/S3Objects";

export interface AthenaDependencies {
  readonly s3: S3Objects;
  readonly catalog: GlueCatalog;
  /** The emulator's data directory: the only place DuckDB may read or write. */
  readonly dataDir: string;
}

export async function createAthenaService(_environment: ServiceEnvironment, _dependencies: AthenaDependencies): Promise<EmulatorService> {
  return {
    json: { name: "Athena", targetPrefix: "AmazonAthena", errorNamespace: "", apiOperations: [], operations: {}, maxBodyBytes: 1024 * 1024 },
    close: async () => undefined,
  };
}
