// PLACEHOLDER until the Kinesis service lands: every operation answers 501.
import type { EmulatorService, ServiceEnvironment } from "../EmulatorService";

export interface KinesisOptions {
  readonly createStreamDelayMs: number;
  readonly enforceShardLimits: boolean;
}

export async function createKinesisService(_environment: ServiceEnvironment, _options: KinesisOptions): Promise<EmulatorService> {
  return {
    json: { name: "Kinesis", targetPrefix: "Kinesis_20131202", errorNamespace: "http://internal.amazon.com/coral/com.amazonaws.kinesis/", apiOperations: [], operations: {}, maxBodyBytes: 6 * 1024 * 1024 },
    close: async () => undefined,
  };
}
