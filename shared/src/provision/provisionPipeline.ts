import type { IAMClient } from "@aws-sdk/client-iam";
import type { AwsClients } from "../clients/awsClients";
import { s3Uri, type PipelineNames } from "./pipelineNames";
import { ensureBucket } from "./ensureBucket";
import { ensureCrawler } from "./ensureCrawler";
import { ensureDatabase } from "./ensureDatabase";
import { ensureDeliveryStream } from "./ensureDeliveryStream";
import { ensureStream } from "./ensureStream";
import { createIamClient, withClient } from "../clients/globalClients";
import { ensureFirehoseErrorLog } from "./firehoseErrorLog";
import { describeResource } from "./pipelineResources";
import { ensureCrawlerRole, ensureFirehoseRole, localRoleArns, type ExistingRoleArns, type PipelineRoleArns } from "./pipelineRoles";
import type { PollTiming } from "../wait/pollUntil";
import { retryWhileRolePropagates } from "./rolePropagation";
import { StepLog, type ProvisionedResource } from "./stepLog";


export type StreamMode = "ON_DEMAND" | "PROVISIONED";

export interface ProvisionOptions {
  /** aws mode: the IAM client for the roles (default: one with the same region and credentials as `clients`). Unused locally. */
  readonly iam?: IAMClient;
  /** Default PROVISIONED with `shardCount` 1: the cheapest by the hour (see estimateHourlyCost). */
  readonly streamMode?: StreamMode;
  readonly shardCount?: number;
  /** aws mode: roles the user already has, used as given instead of creating the pipeline's own. */
  readonly existingRoleArns?: ExistingRoleArns;
  /** Firehose buffering: deliver at least this often (0-900 s; default 60) or once this many MB (default 1) are buffered. */
  readonly bufferIntervalSeconds?: number;
  readonly bufferSizeMB?: number;
  /** How long to keep retrying while a new role propagates (default 2 minutes, every 5 s). */
  readonly rolePropagation?: PollTiming;
  /** One line per step, for a notebook to print. */
  readonly onStep?: (line: string) => void;
}

/**
 * Where failed records go. The expression keeps each kind of failure in its own folder, outside the crawled
 * `dataPrefix`; Firehose appends the UTC date folders itself. An ErrorOutputPrefix with expressions must use
 * `!{firehose:error-output-type}` (the emulator checks the same rule).
 */
export const ERROR_OUTPUT_PREFIX = "errors/!{firehose:error-output-type}/";

export interface StorageAndStreamResult {
  readonly resources: readonly ProvisionedResource[];
  readonly streamArn: string;
  readonly roleArns: PipelineRoleArns;
}

export interface CatalogOptions {
  readonly iam?: IAMClient;
  /** The crawler's role when the caller already has it (provisionPipeline does); otherwise ensured here in aws mode. */
  readonly crawlerRoleArn?: string;
  /** aws mode: roles the user already has; `crawler` is used like `crawlerRoleArn`. */
  readonly existingRoleArns?: ExistingRoleArns;
  readonly rolePropagation?: PollTiming;
  readonly onStep?: (line: string) => void;
}

export interface CatalogResult {
  readonly resources: readonly ProvisionedResource[];
  readonly crawlerRoleArn: string;
}

export interface PipelineProvisioning extends StorageAndStreamResult {
  /** Where Athena writes query results: `s3://bucket/athena-results/`. */
  readonly resultsLocation: string;
}

async function ensureLoggedRole(log: StepLog, roleName: string, ensure: () => Promise<{ created: boolean; roleArn: string }>): Promise<string> {
  const role = await ensure();
  log.record("role", roleName, role.created);
  return role.roleArn;
}

/**
 * Notebook 00's set-up: the bucket, the data stream, (aws mode) the IAM roles for Firehose and the crawler,
 * Firehose's error log, and the delivery stream from the stream to the bucket, logging its errors there.
 * Idempotent: what exists is left as it is (an existing delivery stream without error logging included).
 */
export async function provisionStorageAndStream(clients: AwsClients, names: PipelineNames, options: ProvisionOptions = {}): Promise<StorageAndStreamResult> {
  const log = new StepLog(options.onStep ?? (() => undefined));

  const onProgress = (line: string): void => log.say(line);
  log.record("bucket", names.bucket, (await ensureBucket(clients.s3, names.bucket, { onProgress })).created);

  const streamMode = options.streamMode ?? "PROVISIONED";
  log.say(`${describeResource({ kind: "stream", name: names.stream })}: creating it unless it exists, then waiting until it is ACTIVE`);
  const stream = await ensureStream(clients.kinesis, names.stream, { streamMode, ...(streamMode === "PROVISIONED" ? { shardCount: options.shardCount ?? 1 } : {}), onProgress });
  log.record("stream", names.stream, stream.created);

  // The roles come before the delivery stream: CreateDeliveryStream checks that Firehose can assume its role.
  const roleArns =
    clients.target.mode === "local"
      ? localRoleArns(names)
      : await withClient(options.iam, () => createIamClient(clients), async (iam) => {
          const given = options.existingRoleArns ?? {};
          const firehose = given.firehose ?? (await ensureLoggedRole(log, names.firehoseRole, () => ensureFirehoseRole(iam, names)));
          const crawler = given.crawler ?? (await ensureLoggedRole(log, names.crawlerRole, () => ensureCrawlerRole(iam, names)));
          for (const [kind, arn] of Object.entries(given)) {
            log.say(`using the ${kind} role you gave: ${arn} (never deleted by teardown)`);
          }
          return { firehose, crawler };
        });

  const { errorLog, resources: logResources } = await ensureFirehoseErrorLog(clients.logs, names, { onStep: (line) => log.say(line) });
  log.resources.push(...logResources);

  const delivery = await retryWhileRolePropagates(
    `creating ${describeResource({ kind: "deliveryStream", name: names.deliveryStream })}`,
    () =>
      ensureDeliveryStream(clients.firehose, names.deliveryStream, {
        sourceStreamArn: stream.streamArn,
        bucket: names.bucket,
        roleArn: roleArns.firehose,
        prefix: names.dataPrefix,
        errorOutputPrefix: ERROR_OUTPUT_PREFIX,
        newlineDelimited: true,
        bufferIntervalSeconds: options.bufferIntervalSeconds ?? 60,
        bufferSizeMB: options.bufferSizeMB ?? 1,
        errorLog,
        onProgress,
      }),
    options.rolePropagation,
    (line) => log.say(line),
  );
  log.record("deliveryStream", names.deliveryStream, delivery.created);
  if (!delivery.logsErrors) {
    log.say(
      `${describeResource({ kind: "deliveryStream", name: names.deliveryStream })} was made without error logging: left as it is, so the delivery ` +
        "wait cannot show Firehose's errors (teardown and set-up again to get them)",
    );
  }

  return { resources: log.resources, streamArn: stream.streamArn, roleArns };
}

/** Notebook 02's set-up: the Glue database and the crawler over `s3://bucket/dataPrefix`. Idempotent. */
export async function provisionCatalog(clients: AwsClients, names: PipelineNames, options: CatalogOptions = {}): Promise<CatalogResult> {
  const log = new StepLog(options.onStep ?? (() => undefined));

  const crawlerRoleArn =
    options.crawlerRoleArn ??
    options.existingRoleArns?.crawler ??
    (clients.target.mode === "local"
      ? localRoleArns(names).crawler
      : await withClient(options.iam, () => createIamClient(clients), async (iam) => {
          const role = await ensureCrawlerRole(iam, names);
          log.record("role", names.crawlerRole, role.created);
          return role.roleArn;
        }));

  log.record("database", names.database, (await ensureDatabase(clients.glue, names.database)).created);

  const crawler = await retryWhileRolePropagates(
    `creating ${describeResource({ kind: "crawler", name: names.crawler })}`,
    () => ensureCrawler(clients.glue, names.crawler, { database: names.database, s3Path: s3Uri(names.bucket, names.dataPrefix), roleArn: crawlerRoleArn }),
    options.rolePropagation,
    (line) => log.say(line),
  );
  log.record("crawler", names.crawler, crawler.created);

  return { resources: log.resources, crawlerRoleArn };
}

/** Everything the exercise needs, as the console steps made it: provisionStorageAndStream, then provisionCatalog. */
export async function provisionPipeline(clients: AwsClients, names: PipelineNames, options: ProvisionOptions = {}): Promise<PipelineProvisioning> {
  const storage = await provisionStorageAndStream(clients, names, options);
  const catalog = await provisionCatalog(clients, names, {
    crawlerRoleArn: storage.roleArns.crawler,
    ...(options.rolePropagation === undefined ? {} : { rolePropagation: options.rolePropagation }),
    ...(options.onStep === undefined ? {} : { onStep: options.onStep }),
  });
  return {
    resources: [...storage.resources, ...catalog.resources],
    streamArn: storage.streamArn,
    roleArns: storage.roleArns,
    resultsLocation: s3Uri(names.bucket, names.resultsPrefix),
  };
}
