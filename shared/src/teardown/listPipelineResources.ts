import { DescribeDeliveryStreamCommand, ResourceNotFoundException as FirehoseResourceNotFound } from "@aws-sdk/client-firehose";
import { EntityNotFoundException, GetCrawlerCommand, GetDatabaseCommand, GetTablesCommand } from "@aws-sdk/client-glue";
import { GetRoleCommand, NoSuchEntityException, type IAMClient } from "@aws-sdk/client-iam";
import { DescribeStreamSummaryCommand, ResourceNotFoundException as KinesisResourceNotFound } from "@aws-sdk/client-kinesis";
import { HeadBucketCommand, ListObjectsV2Command, type S3Client } from "@aws-sdk/client-s3";
import type { AwsClients } from "../clients/awsClients";
import type { PipelineNames } from "../provision/pipelineNames";
import { createIamClient, withClient } from "../clients/globalClients";
import { findLogGroup, findLogStream } from "../provision/logGroups";
import { crawlerLogStreams, firehoseErrorLog, logStreamPath } from "../provision/pipelineLogs";
import { describeResource, type PipelineResourceRef } from "../provision/pipelineResources";

export interface PipelineResource extends PipelineResourceRef {
  /** One line on its state: a stream's status and shards, a bucket's object count, a database's tables... */
  readonly detail: string;
}

export interface ListResourcesOptions {
  /** aws mode: the IAM client for the roles (default: one with the same region and credentials as the clients). */
  readonly iam?: IAMClient;
}

/** Counting stops here: the listing is for a glance, not an inventory. */
const MAX_COUNTED_OBJECTS = 100_000;

/** Undefined when the lookup says the resource does not exist. */
async function ifExists<T>(lookup: () => Promise<T>, isNotFound: (error: unknown) => boolean): Promise<T | undefined> {
  try {
    return await lookup();
  } catch (error) {
    if (isNotFound(error)) {
      return undefined;
    }
    throw error;
  }
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

function formatBytes(bytes: number): string {
  const units = ["bytes", "KB", "MB", "GB", "TB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${value} bytes` : `${value.toFixed(1)} ${units[unit]}`;
}

async function bucketDetail(s3: S3Client, bucket: string): Promise<string | undefined> {
  const exists = await ifExists(
    () => s3.send(new HeadBucketCommand({ Bucket: bucket })),
    (error) => (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404,
  );
  if (exists === undefined) {
    return undefined;
  }
  let count = 0;
  let bytes = 0;
  let token: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, ...(token === undefined ? {} : { ContinuationToken: token }) }));
    for (const object of page.Contents ?? []) {
      count += 1;
      bytes += object.Size ?? 0;
    }
    token = page.IsTruncated === true ? page.NextContinuationToken : undefined;
  } while (token !== undefined && count < MAX_COUNTED_OBJECTS);
  return count === 0 ? "empty" : `${token === undefined ? "" : "more than "}${plural(count, "object")}, ${formatBytes(bytes)}`;
}

function retentionDetail(retentionInDays: number | undefined): string {
  return retentionInDays === undefined ? "kept forever" : `kept ${plural(retentionInDays, "day")}`;
}

function lastEventDetail(lastEventTimestamp: number | undefined): string {
  return lastEventTimestamp === undefined ? "no events" : `last event ${new Date(lastEventTimestamp).toISOString()}`;
}

/**
 * What of the pipeline exists now, in the order set-up creates it, each with a one-line detail: for set-up to show
 * what is there, and for teardown to show that nothing is left. Roles are listed in aws mode only (the emulator
 * has no IAM).
 */
export async function listPipelineResources(clients: AwsClients, names: PipelineNames, options: ListResourcesOptions = {}): Promise<readonly PipelineResource[]> {
  const { s3, kinesis, firehose, glue, logs } = clients;

  const bucket = bucketDetail(s3, names.bucket);

  const streams = Promise.all(
    [names.stream, names.reshardDemo.stream].map((name) =>
      ifExists(
        async () => {
          const { StreamDescriptionSummary: summary } = await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: name }));
          return `${summary?.StreamStatus}, ${plural(summary?.OpenShardCount ?? 0, "open shard")}, ${summary?.StreamModeDetails?.StreamMode ?? "PROVISIONED"}`;
        },
        (error) => error instanceof KinesisResourceNotFound,
      ),
    ),
  );

  const roles =
    clients.target.mode === "aws"
      ? withClient(options.iam, () => createIamClient(clients), (iam) =>
          Promise.all(
            [names.firehoseRole, names.crawlerRole].map((name) =>
              ifExists(
                async () => (await iam.send(new GetRoleCommand({ RoleName: name }))).Role?.Arn ?? "exists",
                (error) => error instanceof NoSuchEntityException,
              ),
            ),
          ),
        )
      : Promise.resolve([undefined, undefined]);

  const deliveryStreams = Promise.all(
    [names.deliveryStream, names.sidebar.deliveryStream, names.reshardDemo.deliveryStream].map((name) =>
      ifExists(
        async () => {
          const { DeliveryStreamDescription: description } = await firehose.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: name }));
          const destination = description?.Destinations?.[0]?.ExtendedS3DestinationDescription;
          const bucketName = destination?.BucketARN?.replace(/^arn:[^:]+:s3:::/, "");
          return `${description?.DeliveryStreamStatus}${bucketName === undefined ? "" : `, into s3://${bucketName}/${destination?.Prefix ?? ""}`}`;
        },
        (error) => error instanceof FirehoseResourceNotFound,
      ),
    ),
  );

  const database = ifExists(
    async () => {
      await glue.send(new GetDatabaseCommand({ Name: names.database }));
      const tables: string[] = [];
      let token: string | undefined;
      do {
        const page = await glue.send(new GetTablesCommand({ DatabaseName: names.database, ...(token === undefined ? {} : { NextToken: token }) }));
        tables.push(...(page.TableList ?? []).flatMap((table) => (table.Name === undefined ? [] : [table.Name])));
        token = page.NextToken;
      } while (token !== undefined);
      return tables.length === 0 ? "no tables" : `${plural(tables.length, "table")}: ${tables.join(", ")}`;
    },
    (error) => error instanceof EntityNotFoundException,
  );

  const crawlers = Promise.all(
    [names.crawler, names.sidebar.crawler].map((name) =>
      ifExists(
        async () => {
          const { Crawler: crawler } = await glue.send(new GetCrawlerCommand({ Name: name }));
          const last = crawler?.LastCrawl;
          return `${crawler?.State ?? "READY"}, ${last === undefined ? "never run" : `last crawl ${last.Status}${last.ErrorMessage ? `: ${last.ErrorMessage}` : ""}`}`;
        },
        (error) => error instanceof EntityNotFoundException,
      ),
    ),
  );

  const errorLogGroup = firehoseErrorLog(names).logGroupName;
  const errorLog = findLogGroup(logs, errorLogGroup).then((group) =>
    group === undefined ? undefined : `${retentionDetail(group.retentionInDays)}, ${formatBytes(group.storedBytes ?? 0)} stored`,
  );

  const crawlerLogs = Promise.all(
    crawlerLogStreams(names).map(async (ref) => {
      const found = await findLogStream(logs, ref.logGroupName, ref.logStreamName);
      return found === undefined ? undefined : lastEventDetail(found.lastEventTimestamp);
    }),
  );

  // All lookups run at once: on AWS each is a round trip.
  const [bucketState, [streamState, demoStreamState], [firehoseRole, crawlerRole], errorLogState, [delivery, sidebarDelivery, demoDelivery], databaseState, [crawler, sidebarCrawler], crawlerLogStates] =
    await Promise.all([bucket, streams, roles, errorLog, deliveryStreams, database, crawlers, crawlerLogs]);
  const found: [PipelineResourceRef, string | undefined][] = [
    [{ kind: "bucket", name: names.bucket }, bucketState],
    [{ kind: "stream", name: names.stream }, streamState],
    [{ kind: "stream", name: names.reshardDemo.stream }, demoStreamState],
    [{ kind: "role", name: names.firehoseRole }, firehoseRole],
    [{ kind: "role", name: names.crawlerRole }, crawlerRole],
    [{ kind: "logGroup", name: errorLogGroup }, errorLogState],
    [{ kind: "deliveryStream", name: names.deliveryStream }, delivery],
    [{ kind: "deliveryStream", name: names.sidebar.deliveryStream }, sidebarDelivery],
    [{ kind: "deliveryStream", name: names.reshardDemo.deliveryStream }, demoDelivery],
    [{ kind: "database", name: names.database }, databaseState],
    [{ kind: "crawler", name: names.crawler }, crawler],
    [{ kind: "crawler", name: names.sidebar.crawler }, sidebarCrawler],
    ...crawlerLogStreams(names).map((ref, index): [PipelineResourceRef, string | undefined] => [{ kind: "logStream", name: logStreamPath(ref) }, crawlerLogStates[index]]),
  ];
  return found.flatMap(([resource, detail]) => (detail === undefined ? [] : [{ ...resource, detail }]));
}

/** One line per resource, or a line saying there is none. */
export function formatPipelineResources(resources: readonly PipelineResource[]): string {
  if (resources.length === 0) {
    return "Nothing of the pipeline exists.";
  }
  const labels = resources.map(describeResource);
  const width = Math.max(...labels.map((label) => label.length));
  return resources.map((resource, index) => `${labels[index]!.padEnd(width)}  ${resource.detail}`).join("\n");
}
