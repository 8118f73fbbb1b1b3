import type { IAMClient } from "@aws-sdk/client-iam";
import type { AwsClients } from "../clients/awsClients";
import type { PipelineNames } from "../provision/pipelineNames";
import {
  deleteBucketIfExists,
  deleteCrawlerIfExists,
  deleteDatabaseIfExists,
  deleteDeliveryStreamIfExists,
  deleteStreamIfExists,
} from "./deleteResources";
import { createIamClient, withClient } from "../clients/globalClients";
import { deleteRole } from "../provision/iamRoles";
import { deleteLogGroupIfExists, deleteLogStreamIfExists } from "../provision/logGroups";
import { crawlerLogStreams, firehoseErrorLog, logStreamPath } from "../provision/pipelineLogs";
import { roleNameOfArn, type ExistingRoleArns } from "../provision/pipelineRoles";
import { describeResource, type PipelineResourceKind, type PipelineResourceRef } from "../provision/pipelineResources";
import type { PollTiming } from "../wait/pollUntil";

export interface TeardownOptions {
  /** aws mode: the IAM client for the roles (default: one with the same region and credentials as `clients`). Unused locally. */
  readonly iam?: IAMClient;
  /** Empty and delete the bucket too (default true). False keeps the data and the Athena results; S3 bills them per GB-month. */
  readonly deleteBucket?: boolean;
  /** Roles the user gave set-up: never deleted, whatever their name. */
  readonly existingRoleArns?: ExistingRoleArns;
  /** How long to wait for each deletion (defaults fit AWS: minutes). */
  readonly wait?: PollTiming;
  readonly onStep?: (line: string) => void;
}

export interface DeletedResource extends PipelineResourceRef {
  /** e.g. the tables a database held, the objects a bucket held. */
  readonly detail?: string;
}

/**
 * Deletes everything the exercise made, in an order AWS accepts: the crawlers, their log streams and the catalog,
 * the delivery streams (which read the stream and write the bucket) and Firehose's error log, the data stream (the
 * one thing that bills by the hour), the roles nothing uses any more, and last the bucket, once nothing writes to
 * it. What is already gone is skipped, so it can run again after a failure. Answers what it deleted.
 */
export async function teardownPipeline(clients: AwsClients, names: PipelineNames, options: TeardownOptions = {}): Promise<readonly DeletedResource[]> {
  const onStep = options.onStep ?? (() => undefined);
  const deleted: DeletedResource[] = [];
  const record = (kind: PipelineResourceKind, name: string, existed: boolean, detail?: string): void => {
    const resource = { kind, name, ...(detail === undefined ? {} : { detail }) };
    if (existed) {
      deleted.push(resource);
    }
    onStep(existed ? `deleted ${describeResource(resource)}${detail === undefined ? "" : ` (${detail})`}` : `${describeResource(resource)}: not there`);
  };

  for (const crawler of [names.crawler, names.sidebar.crawler]) {
    record("crawler", crawler, await deleteCrawlerIfExists(clients.glue, crawler, options.wait));
  }
  // Only the pipeline's crawlers' streams: every crawler of the account logs in their group (CRAWLER_LOG_GROUP).
  for (const stream of crawlerLogStreams(names)) {
    record("logStream", logStreamPath(stream), await deleteLogStreamIfExists(clients.logs, stream.logGroupName, stream.logStreamName));
  }
  const tables = await deleteDatabaseIfExists(clients.glue, names.database);
  record("database", names.database, tables !== undefined, tables === undefined ? undefined : tables.length === 0 ? "no tables" : `tables ${tables.join(", ")}`);

  for (const deliveryStream of [names.deliveryStream, names.sidebar.deliveryStream, names.reshardDemo.deliveryStream]) {
    onStep(`${describeResource({ kind: "deliveryStream", name: deliveryStream })}: deleting it if it exists, and waiting until it is gone`);
    record("deliveryStream", deliveryStream, await deleteDeliveryStreamIfExists(clients.firehose, deliveryStream, options.wait));
  }
  const { logGroupName } = firehoseErrorLog(names);
  record("logGroup", logGroupName, await deleteLogGroupIfExists(clients.logs, logGroupName));
  for (const stream of [names.stream, names.reshardDemo.stream]) {
    onStep(`${describeResource({ kind: "stream", name: stream })}: deleting it if it exists, and waiting until it is gone`);
    record("stream", stream, await deleteStreamIfExists(clients.kinesis, stream, options.wait));
  }

  if (clients.target.mode === "aws") {
    await withClient(options.iam, () => createIamClient(clients), async (iam) => {
      // A role of a kind the user gave was never made by set-up: it is left alone without an IAM call, so that a
      // user who may not touch roles can tear down; and a given role is kept even under the pipeline's name.
      const given = options.existingRoleArns ?? {};
      const givenNames = new Set(Object.values(given).map(roleNameOfArn));
      for (const [kind, role] of [["firehose", names.firehoseRole], ["crawler", names.crawlerRole]] as const) {
        const givenArn = given[kind];
        if (givenArn !== undefined || givenNames.has(role)) {
          onStep(`${describeResource({ kind: "role", name: role })}: not set-up's (you gave ${givenArn ?? "a role of that name"}), left alone`);
          continue;
        }
        record("role", role, await deleteRole(iam, role));
      }
    });
  }

  if (options.deleteBucket ?? true) {
    const objects = await deleteBucketIfExists(clients.s3, names.bucket);
    record("bucket", names.bucket, objects !== undefined, objects === undefined ? undefined : `${objects} object${objects === 1 ? "" : "s"}`);
  } else {
    onStep(`${describeResource({ kind: "bucket", name: names.bucket })}: kept, as asked`);
  }
  return deleted;
}
