import { GetBucketLocationCommand } from "@aws-sdk/client-s3";
import {
  deleteBucketIfExists,
  deleteCrawlerIfExists,
  deleteDatabaseIfExists,
  deleteDeliveryStreamIfExists,
  deleteRole,
  deleteStreamIfExists,
  describeResource,
  type PipelineResourceKind,
  type PollTiming,
} from "@gpu-stream/shared";
import type { FidelityClients } from "./fidelityClients";
import { bucketsStartingWith, crawlersStartingWith, databasesStartingWith, deliveryStreamsStartingWith, rolesStartingWith, streamsStartingWith } from "./listByPrefix";
import { catalogName } from "./runPrefix";

export interface SweptResource {
  readonly kind: PipelineResourceKind;
  readonly name: string;
}

export interface SweepOptions {
  /** How long to wait for each deletion (defaults fit AWS: minutes). */
  readonly wait?: PollTiming;
  readonly onDeleted?: (resource: SweptResource) => void;
}

/**
 * The bucket's region. GetBucketLocation answers no constraint for us-east-1 and the legacy `EU` for eu-west-1; a
 * regional endpoint may answer a bucket of another region with a 301 whose x-amz-bucket-region header names it.
 */
async function bucketRegion(target: FidelityClients, bucket: string): Promise<string> {
  let location: string | undefined;
  try {
    location = (await target.clients.s3.send(new GetBucketLocationCommand({ Bucket: bucket }))).LocationConstraint;
  } catch (error) {
    const named = (error as { $response?: { headers?: Record<string, string | undefined> } }).$response?.headers?.["x-amz-bucket-region"];
    if (named === undefined) {
      throw error;
    }
    return named;
  }
  if (location === undefined || location === null || location === "") {
    return "us-east-1";
  }
  return location === "EU" ? "eu-west-1" : location;
}

/**
 * Deletes everything whose name starts with the prefix (Glue's names with underscores), in an order AWS accepts:
 * crawlers and databases, delivery streams, data streams, roles, and last the buckets, emptied first, each through
 * its own region. Answers what it deleted; what vanished meanwhile is skipped.
 */
export async function sweepRunResources(target: FidelityClients, prefix: string, options: SweepOptions = {}): Promise<readonly SweptResource[]> {
  const { kinesis, firehose, glue, s3 } = target.clients;
  const deleted: SweptResource[] = [];
  const record = (kind: PipelineResourceKind, name: string, existed: boolean): void => {
    if (existed) {
      deleted.push({ kind, name });
      options.onDeleted?.({ kind, name });
    }
  };
  const catalogPrefix = catalogName(prefix);

  for (const crawler of await crawlersStartingWith(glue, prefix)) {
    record("crawler", crawler, await deleteCrawlerIfExists(glue, crawler, options.wait));
  }
  for (const database of await databasesStartingWith(glue, catalogPrefix)) {
    record("database", database, (await deleteDatabaseIfExists(glue, database)) !== undefined);
  }
  for (const deliveryStream of await deliveryStreamsStartingWith(firehose, prefix)) {
    record("deliveryStream", deliveryStream, await deleteDeliveryStreamIfExists(firehose, deliveryStream, options.wait));
  }
  for (const stream of await streamsStartingWith(kinesis, prefix)) {
    record("stream", stream, await deleteStreamIfExists(kinesis, stream, options.wait));
  }
  for (const role of await rolesStartingWith(target.iam, prefix)) {
    record("role", role, await deleteRole(target.iam, role));
  }
  for (const bucket of await bucketsStartingWith(s3, prefix)) {
    const region = await bucketRegion(target, bucket);
    const inRegion = region === target.region ? s3 : target.s3In(region);
    record("bucket", bucket, (await deleteBucketIfExists(inRegion, bucket)) !== undefined);
  }
  return deleted;
}

/** One line per resource, or a line saying there was none. */
export function formatSwept(resources: readonly SweptResource[], prefix: string): string {
  if (resources.length === 0) {
    return `Nothing named ${prefix}* was left.`;
  }
  return [`Deleted what was left named ${prefix}*:`, ...resources.map((resource) => `  ${describeResource(resource)}`)].join("\n");
}
