import type { JsonService } from "../../server/JsonService";
import type { EmulatorService, ServiceEnvironment } from "../EmulatorService";
import { LogGroupStore } from "./LogGroupStore";
import { logsApiOperations } from "./logsApiOperations";
import { lazyOperationTable } from "../lazyOperationTable";

/** A PutLogEvents batch is at most 1 MiB of messages; JSON escaping can double that. */
const MAX_BODY_BYTES = 4 * 1024 * 1024;

export interface LogsService extends EmulatorService {
  readonly json: JsonService;
  /** The in-process face other services (Firehose) write their logs through. */
  readonly store: LogGroupStore;
}

/**
 * CloudWatch Logs on JSON 1.1 (`X-Amz-Target: Logs_20140328.<Operation>`): log groups, streams and their events,
 * as far as the pipeline uses them, saved under the environment's directory.
 * API reference: https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/Welcome.html
 */
export async function createLogsService(environment: ServiceEnvironment): Promise<LogsService> {
  const store = await LogGroupStore.open(environment.directory, environment.context.now);
  const json: JsonService = {
    name: "CloudWatchLogs",
    // The SDK's and the CLI's signing name for CloudWatch Logs (endpoint logs.<region>.amazonaws.com).
    signingName: "logs",
    targetPrefix: "Logs_20140328",
    errorNamespace: "http://internal.amazon.com/coral/com.amazonaws.logs/",
    apiOperations: logsApiOperations,
    operations: lazyOperationTable(() => (require("./logsOperations") as typeof import("./logsOperations")).logsOperations(store)),
    maxBodyBytes: MAX_BODY_BYTES,
  };
  return { json, store, close: async () => undefined };
}
