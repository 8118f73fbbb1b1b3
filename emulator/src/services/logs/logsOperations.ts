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

/**
 * Every operation of the CloudWatch Logs API (a record, so a new SDK operation is a compile error here until it
 * is listed): those without a handler answer 501 naming themselves.
 */
const API_OPERATIONS: Record<LogsOperationName, true> = {
  AssociateKmsKey: true,
  AssociateSourceToS3TableIntegration: true,
  CancelExportTask: true,
  CancelImportTask: true,
  CreateDelivery: true,
  CreateExportTask: true,
  CreateImportTask: true,
  CreateLogAnomalyDetector: true,
  CreateLogGroup: true,
  CreateLogStream: true,
  CreateLookupTable: true,
  CreateScheduledQuery: true,
  DeleteAccountPolicy: true,
  DeleteDataProtectionPolicy: true,
  DeleteDelivery: true,
  DeleteDeliveryDestination: true,
  DeleteDeliveryDestinationPolicy: true,
  DeleteDeliverySource: true,
  DeleteDestination: true,
  DeleteIndexPolicy: true,
  DeleteIntegration: true,
  DeleteLogAnomalyDetector: true,
  DeleteLogGroup: true,
  DeleteLogStream: true,
  DeleteLookupTable: true,
  DeleteMetricFilter: true,
  DeleteQueryDefinition: true,
  DeleteResourcePolicy: true,
  DeleteRetentionPolicy: true,
  DeleteScheduledQuery: true,
  DeleteSubscriptionFilter: true,
  DeleteSyslogConfiguration: true,
  DeleteTransformer: true,
  DescribeAccountPolicies: true,
  DescribeConfigurationTemplates: true,
  DescribeDeliveries: true,
  DescribeDeliveryDestinations: true,
  DescribeDeliverySources: true,
  DescribeDestinations: true,
  DescribeExportTasks: true,
  DescribeFieldIndexes: true,
  DescribeImportTaskBatches: true,
  DescribeImportTasks: true,
  DescribeIndexPolicies: true,
  DescribeLogGroups: true,
  DescribeLogStreams: true,
  DescribeLookupTables: true,
  DescribeMetricFilters: true,
  DescribeQueries: true,
  DescribeQueryDefinitions: true,
  DescribeResourcePolicies: true,
  DescribeSubscriptionFilters: true,
  DisassociateKmsKey: true,
  DisassociateSourceFromS3TableIntegration: true,
  FilterLogEvents: true,
  GetDataProtectionPolicy: true,
  GetDelivery: true,
  GetDeliveryDestination: true,
  GetDeliveryDestinationPolicy: true,
  GetDeliverySource: true,
  GetIntegration: true,
  GetLogAnomalyDetector: true,
  GetLogEvents: true,
  GetLogFields: true,
  GetLogGroupFields: true,
  GetLogObject: true,
  GetLogRecord: true,
  GetLookupTable: true,
  GetQueryResults: true,
  GetScheduledQuery: true,
  GetScheduledQueryHistory: true,
  GetStorageTierPolicy: true,
  GetTransformer: true,
  ListAggregateLogGroupSummaries: true,
  ListAnomalies: true,
  ListIntegrations: true,
  ListLogAnomalyDetectors: true,
  ListLogGroups: true,
  ListLogGroupsForQuery: true,
  ListScheduledQueries: true,
  ListSourcesForS3TableIntegration: true,
  ListSyslogConfigurations: true,
  ListTagsForResource: true,
  ListTagsLogGroup: true,
  PutAccountPolicy: true,
  PutBearerTokenAuthentication: true,
  PutDataProtectionPolicy: true,
  PutDeliveryDestination: true,
  PutDeliveryDestinationPolicy: true,
  PutDeliverySource: true,
  PutDestination: true,
  PutDestinationPolicy: true,
  PutIndexPolicy: true,
  PutIntegration: true,
  PutLogEvents: true,
  PutLogGroupDeletionProtection: true,
  PutMetricFilter: true,
  PutQueryDefinition: true,
  PutResourcePolicy: true,
  PutRetentionPolicy: true,
  PutStorageTierPolicy: true,
  PutSubscriptionFilter: true,
  PutSyslogConfiguration: true,
  PutTransformer: true,
  StartLiveTail: true,
  StartQuery: true,
  StopQuery: true,
  TagLogGroup: true,
  TagResource: true,
  TestMetricFilter: true,
  TestTransformer: true,
  UntagLogGroup: true,
  UntagResource: true,
  UpdateAnomaly: true,
  UpdateDeliveryConfiguration: true,
  UpdateLogAnomalyDetector: true,
  UpdateLookupTable: true,
  UpdateScheduledQuery: true,
};

export const logsApiOperations: readonly string[] = Object.keys(API_OPERATIONS);
