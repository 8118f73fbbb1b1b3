import type * as Logs from "@aws-sdk/client-cloudwatch-logs";
import type { OperationName, OperationTable } from "../../server/OperationTable";
import { createLogGroup } from "./operations/createLogGroup";
import { createLogStream } from "./operations/createLogStream";
import { deleteLogGroup } from "./operations/deleteLogGroup";
import { deleteLogStream } from "./operations/deleteLogStream";
import { putRetentionPolicy } from "./operations/putRetentionPolicy";
import { describeLogGroups } from "./operations/describeLogGroups";
import { describeLogStreams } from "./operations/describeLogStreams";
import { filterLogEvents } from "./operations/filterLogEvents";
import { getLogEvents } from "./operations/getLogEvents";
import { putLogEvents } from "./operations/putLogEvents";
import type { LogGroupStore } from "./LogGroupStore";

/** Every operation of the CloudWatch Logs API, as the SDK knows it. */
export type LogsOperationName = OperationName<typeof Logs>;

/** The operations the emulator answers: as far as the pipeline uses CloudWatch Logs (docs/emulator.md). */
export function logsOperations(store: LogGroupStore) {
  return {
    CreateLogGroup: createLogGroup(store),
    CreateLogStream: createLogStream(store),
    DeleteLogGroup: deleteLogGroup(store),
    DeleteLogStream: deleteLogStream(store),
    DescribeLogGroups: describeLogGroups(store),
    DescribeLogStreams: describeLogStreams(store),
    FilterLogEvents: filterLogEvents(store),
    GetLogEvents: getLogEvents(store),
    PutLogEvents: putLogEvents(store),
    PutRetentionPolicy: putRetentionPolicy(store),
  } satisfies OperationTable<typeof Logs>;
}

// Also here for the suites that load this module alone.
export { logsApiOperations } from "./logsApiOperations";
