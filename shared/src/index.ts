// The helper module's public face, by pipeline step: exactly what the notebooks, scripts, bench, tests and the
// emulator import. Producer notebooks import ./produce/producer (`@gpu-stream/shared/producer`) instead.

// Clients: connecting to the emulator or AWS, credentials, the emulator's record
export { resolvePipelineNames } from "./clients/accountIdentity";
export { type AwsMode, type ConnectOptions, resolveAwsMode, resolveAwsTarget, resolveClientConfig } from "./clients/awsClientConfig";
export { type AwsClients, createAwsClients } from "./clients/awsClients";
export { connectPipeline, type PipelineSession } from "./clients/connectPipeline";
export { checkRecordedEmulator } from "./clients/emulatorRecord";
export {
  DEFAULT_EMULATOR_DATA_DIR,
  EMULATOR_INSTANCE_FILE,
  EMULATOR_PID_FILE,
  emulatorDataDir,
  findRecordedEmulator,
  identifyEmulator,
  readEmulatorRecord,
  readInstanceId,
  servesDataDir,
  type EmulatorIdentity,
  type EmulatorRecord,
} from "@gpu-stream/emulator/control";
export { createIamClient, createStsClient } from "./clients/globalClients";
export { createKinesisClient, KINESIS_REQUEST_HANDLER } from "./clients/kinesisClient";
export { LOCAL_DUMMY_CREDENTIALS } from "./clients/localCredentials";

// Provision: the pipeline's names, roles, stream, bucket, delivery stream, logs
export { awsPipelineNames, COURSE_NAMES, localPipelineNames, type PipelineNames, roleArn, s3Uri } from "./provision/pipelineNames";
export { ensureBucket } from "./provision/ensureBucket";
export { ensureStream } from "./provision/ensureStream";
export { ensureDeliveryStream } from "./provision/ensureDeliveryStream";
export { DeliveryStreamFailedError } from "./provision/DeliveryStreamFailedError";
export { ensureDatabase } from "./provision/ensureDatabase";
export { ensureCrawler } from "./provision/ensureCrawler";
export { crawlerRolePolicies, deleteRole, ensureRole, firehoseRolePolicies, GLUE_SERVICE_ROLE_POLICY_ARN, type PolicyDocument, type RolePolicies } from "./provision/iamRoles";
export { ensureCrawlerRole, ensureFirehoseRole, givenRoleArns, localRoleArns } from "./provision/pipelineRoles";
export { retryWhileRolePropagates } from "./provision/rolePropagation";
export { LOG_RETENTION_DAYS } from "./provision/logGroups";
export { CRAWLER_LOG_GROUP, crawlerLogStreams, firehoseErrorLog, logStreamPath } from "./provision/pipelineLogs";
export { ensureFirehoseErrorLog } from "./provision/firehoseErrorLog";
export { describeResource, type PipelineResourceKind } from "./provision/pipelineResources";
export { ERROR_OUTPUT_PREFIX, type PipelineProvisioning, provisionCatalog, provisionPipeline, provisionStorageAndStream } from "./provision/provisionPipeline";

// Source: where GPU samples come from (synthetic, replayed, nvidia-smi) and the generator profile
export { DEFAULT_PROFILE_PATH, type GeneratorProfile, type MetricStats, originalProfile, readProfile, readProfileOrOriginal, writeProfile } from "./source/GeneratorProfile";
export { randomSeed, SeededRandom } from "./source/SeededRandom";
export { createSampleSource, isSelfPaced, SAMPLE_SOURCE_KINDS, type SampleSourceKind } from "./source/createSampleSource";
export { nvidiaSmiSamples } from "./source/nvidiaSmiSamples";
export { realisticSamples } from "./source/realisticSamples";
export { replaySamples } from "./source/replaySamples";
export { uniformSamples } from "./source/uniformSamples";

// GPU log: the metrics, GPU-Z and nvidia-smi logs, read, written and profiled
export { type GpuLog, GpuLogError } from "./gpuLog/GpuLog";
export { type GpuSample, nowUs, type SampleSource } from "./gpuLog/GpuSample";
export { type Metric, METRIC_INFO, METRICS, parseMetric } from "./gpuLog/metrics";
export { parseGpuzLog, parseWallClockTime } from "./gpuLog/parseGpuzLog";
export { NVIDIA_SMI_QUERY_FIELDS, parseNvidiaSmiCsv, parseNvidiaSmiLine } from "./gpuLog/parseNvidiaSmiCsv";
export { formatProfileTable, gpuLogToDataFrame, profileGpuLog, quantileOfSorted } from "./gpuLog/profileGpuLog";
export { decodeLogBytes, detectGpuLogFormat, parseGpuLog, readGpuLog } from "./gpuLog/readGpuLog";
export { SAMPLE_LOG_DEFAULTS, SAMPLE_LOG_PATH, syntheticSampleLog } from "./gpuLog/sampleLog";
export { formatGpuzLog } from "./gpuLog/writeGpuzLog";

// Produce: telemetry records put into Kinesis, with progress and interruption
export { type AcknowledgedRecord, type FailedRecord, ProduceError } from "./produce/KinesisRecordSender";
export { formatRecordTimestamp, formatValue, parseRecord, parseRecordTimestamp, RecordError, serializeRecord, type TelemetryRecord, toRecord, validateRecord } from "./produce/TelemetryRecord";
export { connectProducer } from "./produce/connectProducer";
export { abortOnInterrupt } from "./produce/interruptSignal";
export { metricPartitionKey, produceMetricsConcurrently } from "./produce/produceMetrics";
export { formatProduceProgress, type ProduceProgress } from "./produce/produceProgress";
export { produceRecords, type ProduceReport } from "./produce/produceRecords";

// Deliver: waiting for Firehose to land records in S3, and reading them there
export { awaitDelivery } from "./deliver/awaitDelivery";
export { countDeliveredRecords, type DeliveredRecords } from "./deliver/countDeliveredRecords";
export { flushLocalFirehose } from "./deliver/flushLocalFirehose";
export { waitForDeliveredRecords } from "./deliver/waitForDeliveredRecords";
export { DELIVERY_LOG_STREAM, type DeliveryErrorSummary, DeliveryFailedError, deliveryLogGroupName, describeDeliveryError, readDeliveryErrors } from "./deliver/deliveryErrors";
export { findCrowdedObjects, rewriteNewlineDelimited } from "./deliver/newlineDelimitedObjects";
export { ensureUndelimitedDeliveryStream, putDirect } from "./deliver/newlineTrap";
export { countLines, listKeys, readObjectText } from "./deliver/s3Objects";
export { splitJsonValues } from "@gpu-stream/emulator/json-values";

// Catalog: the Glue crawler and the table it makes
export { describeTable, formatTableView } from "./catalog/catalogView";
export { runCrawler } from "./catalog/runCrawler";

// Query: Athena statements, the SQL files, the denormalized table
export { athenaQueryOptions, denormalize, DENORMALIZED_CSV_FILE, runNamedQuery } from "./query/analysis";
export { runQuery, runQueryToCsv, runQueryToRows } from "./query/athenaQueries";
export { explainLakeFormationDenial, isLakeFormationDenial, LakeFormationDenied } from "./query/lakeFormationDenial";
export { loadSql } from "./query/loadSql";

// Charts: Plotly figures, HTML tables and the report
export { chartLabels, type ChartLocale } from "./charts/chartLabels";
export { correlationMatrix, pearsonCorrelation } from "./charts/correlationMatrix";
export { parseDenormalizedCsv, TelemetryCsvError, type TelemetryRow } from "./charts/denormalizedCsv";
export { escapeHtml } from "./charts/escapeHtml";
export { writeExerciseReport } from "./charts/exerciseReport";
export { renderHtmlReport, writeHtmlReport } from "./charts/htmlReport";
export { showFigure, showHtml, showTable } from "./charts/notebookDisplay";
export { correlationFigure, gpuLogHistogramsFigure, gpuLogOverTimeFigure, METRIC_COLORS, metricDistributionsFigure, metricsOverTimeFigure, type PlotlyFigure } from "./charts/plotlyFigures";
export { plotlyPackedSource } from "./charts/plotlyPackedSource";
export { plotlySource } from "./charts/plotlySource";
export { scriptSafeJson } from "./charts/scriptSafeJson";
export { tableHtml } from "./charts/tableHtml";
export { inferBucketMs, widePerSample, type WideTable } from "./charts/widePerSample";
export { wideTableHtml } from "./charts/wideTableHtml";

// Cost: what the pipeline costs per hour
export { estimateHourlyCost, formatCostEstimate, PRICES_AS_OF, US_EAST_1_PRICES } from "./cost/costEstimate";
export { estimateRunningCost } from "./cost/runningCost";

// Teardown: listing and deleting the pipeline's resources
export { deleteBucketIfExists, deleteCrawlerIfExists, deleteDatabaseIfExists, deleteDeliveryStreamIfExists, deleteStreamIfExists } from "./teardown/deleteResources";
export { emptyBucket } from "./teardown/emptyBucket";
export { formatPipelineResources, listPipelineResources } from "./teardown/listPipelineResources";
export { teardownPipeline } from "./teardown/teardownPipeline";

// Wait: sleeping and polling
export { abortableSleep } from "./wait/abortableSleep";
export { type PollTiming } from "./wait/pollUntil";
