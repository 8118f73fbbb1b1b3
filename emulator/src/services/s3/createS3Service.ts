// PLACEHOLDER until the S3 service lands.
import { AwsError } from "../../server/AwsError";
import type { EmulatorService, ServiceEnvironment } from "../EmulatorService";

export async function createS3Service(_environment: ServiceEnvironment): Promise<EmulatorService> {
  return {
    rest: async () => {
      throw new AwsError("NotImplemented", "S3 is not implemented yet", 501);
    },
    close: async () => undefined,
  };
}
