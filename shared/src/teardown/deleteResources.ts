import {
  DeleteDeliveryStreamCommand,
  DescribeDeliveryStreamCommand,
  ResourceInUseException as FirehoseResourceInUse,
  ResourceNotFoundException as FirehoseResourceNotFound,
  type FirehoseClient,
} from "@aws-sdk/client-firehose";
import {
  CrawlerNotRunningException,
  CrawlerRunningException,
  CrawlerStoppingException,
  DeleteCrawlerCommand,
  DeleteDatabaseCommand,
  DeleteTableCommand,
  EntityNotFoundException,
  GetCrawlerCommand,
  GetTablesCommand,
  StopCrawlerCommand,
  type GlueClient,
} from "@aws-sdk/client-glue";
import {
  DeleteStreamCommand,
  DescribeStreamSummaryCommand,
  ResourceInUseException as KinesisResourceInUse,
  ResourceNotFoundException as KinesisResourceNotFound,
  type KinesisClient,
} from "@aws-sdk/client-kinesis";
import { DeleteBucketCommand, HeadBucketCommand, type S3Client } from "@aws-sdk/client-s3";
import { emptyBucket } from "./emptyBucket";
import { pollUntil, type PollTiming } from "../wait/pollUntil";

const GONE = true;

function timing(given: PollTiming | undefined, defaults: Required<PollTiming>): Required<PollTiming> {
  return { ...defaults, ...given };
}

/** Stops the crawler if it is running, waits until it is READY, and deletes it. Answers whether it existed. */
export async function deleteCrawlerIfExists(glue: GlueClient, name: string, wait?: PollTiming): Promise<boolean> {
  const state = async (): Promise<string | null> => {
    try {
      return (await glue.send(new GetCrawlerCommand({ Name: name }))).Crawler?.State ?? "READY";
    } catch (error) {
      if (error instanceof EntityNotFoundException) {
        return null;
      }
      throw error;
    }
  };
  if ((await state()) === null) {
    return false;
  }
  // A crawler is deleted only when READY; a crawl takes a minute or more on AWS.
  const until = timing(wait, { timeoutMs: 600_000, intervalMs: 5_000 });
  await pollUntil(
    async () => {
      const current = await state();
      if (current === "RUNNING") {
        await glue.send(new StopCrawlerCommand({ Name: name })).catch((error: unknown) => {
          if (!(error instanceof CrawlerNotRunningException || error instanceof CrawlerStoppingException)) {
            throw error;
          }
        });
        return undefined;
      }
      if (current === null) {
        return GONE;
      }
      if (current !== "READY") {
        return undefined;
      }
      try {
        await glue.send(new DeleteCrawlerCommand({ Name: name }));
        return GONE;
      } catch (error) {
        if (error instanceof EntityNotFoundException) {
          return GONE;
        }
        if (error instanceof CrawlerRunningException) {
          return undefined;
        }
        throw error;
      }
    },
    { ...until, giveUp: { what: `Glue crawler '${name}' did not stop and delete` } },
  );
  return true;
}

async function tableNames(glue: GlueClient, database: string): Promise<string[]> {
  const names: string[] = [];
  let token: string | undefined;
  do {
    const page = await glue.send(new GetTablesCommand({ DatabaseName: database, ...(token === undefined ? {} : { NextToken: token }) }));
    names.push(...(page.TableList ?? []).flatMap((table) => (table.Name === undefined ? [] : [table.Name])));
    token = page.NextToken;
  } while (token !== undefined);
  return names;
}

/**
 * Deletes the database's tables (those the crawler and CTAS made), then the database. Answers the tables, or
 * undefined when there was no database. The data the tables point at stays in S3.
 */
export async function deleteDatabaseIfExists(glue: GlueClient, database: string): Promise<readonly string[] | undefined> {
  try {
    const tables = await tableNames(glue, database);
    // AWS's DeleteDatabase would drop the tables too, but asynchronously; deleting them first leaves nothing behind.
    for (const table of tables) {
      await glue.send(new DeleteTableCommand({ DatabaseName: database, Name: table })).catch((error: unknown) => {
        if (!(error instanceof EntityNotFoundException)) {
          throw error;
        }
      });
    }
    await glue.send(new DeleteDatabaseCommand({ Name: database }));
    return tables;
  } catch (error) {
    if (error instanceof EntityNotFoundException) {
      return undefined;
    }
    throw error;
  }
}

interface DeletableResource {
  readonly what: string;
  /** The status now, or null when it is gone. */
  status(): Promise<string | null>;
  /** Whether a delete request is accepted in this status (others are transitions to wait out). */
  deletable(status: string): boolean;
  /** Sends the delete request; "in use" and "not found" answers are for the next poll to sort out. */
  requestDelete(): Promise<void>;
}

/** Requests deletion when the status allows, and polls until the resource is gone. Answers whether it existed. */
async function deleteAndWait(resource: DeletableResource, until: Required<PollTiming>): Promise<boolean> {
  let existed = false;
  await pollUntil(
    async () => {
      const status = await resource.status();
      if (status === null) {
        return GONE;
      }
      existed = true;
      if (!resource.deletable(status)) {
        return undefined;
      }
      await resource.requestDelete();
      // The emulator (and AWS, now and then) deletes at once: no need to wait a whole interval to see it.
      return (await resource.status()) === null ? GONE : undefined;
    },
    { ...until, giveUp: { what: `${resource.what} was not deleted` } },
  );
  return existed;
}

/** Deletes the delivery stream and waits until it is gone (AWS shows it DELETING for a while). Answers whether it existed. */
export function deleteDeliveryStreamIfExists(firehose: FirehoseClient, name: string, wait?: PollTiming): Promise<boolean> {
  return deleteAndWait(
    {
      what: `Firehose delivery stream '${name}'`,
      status: async () => {
        try {
          const { DeliveryStreamDescription: description } = await firehose.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: name }));
          return description?.DeliveryStreamStatus ?? "ACTIVE";
        } catch (error) {
          if (error instanceof FirehoseResourceNotFound) {
            return null;
          }
          throw error;
        }
      },
      // CREATING refuses deletion; DELETING is already on its way.
      deletable: (status) => status !== "CREATING" && status !== "DELETING",
      requestDelete: async () => {
        try {
          await firehose.send(new DeleteDeliveryStreamCommand({ DeliveryStreamName: name }));
        } catch (error) {
          if (!(error instanceof FirehoseResourceInUse || error instanceof FirehoseResourceNotFound)) {
            throw error;
          }
        }
      },
    },
    timing(wait, { timeoutMs: 300_000, intervalMs: 2_000 }),
  );
}

/** Deletes the data stream (and any consumers) and waits until it is gone. Answers whether it existed. */
export function deleteStreamIfExists(kinesis: KinesisClient, name: string, wait?: PollTiming): Promise<boolean> {
  return deleteAndWait(
    {
      what: `Kinesis stream '${name}'`,
      status: async () => {
        try {
          return (await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: name }))).StreamDescriptionSummary?.StreamStatus ?? "ACTIVE";
        } catch (error) {
          if (error instanceof KinesisResourceNotFound) {
            return null;
          }
          throw error;
        }
      },
      // CREATING and UPDATING (a reshard) refuse deletion; DELETING is already on its way.
      deletable: (status) => status === "ACTIVE",
      requestDelete: async () => {
        try {
          await kinesis.send(new DeleteStreamCommand({ StreamName: name, EnforceConsumerDeletion: true }));
        } catch (error) {
          if (!(error instanceof KinesisResourceInUse || error instanceof KinesisResourceNotFound)) {
            throw error;
          }
        }
      },
    },
    timing(wait, { timeoutMs: 300_000, intervalMs: 2_000 }),
  );
}

/** Empties the bucket and deletes it. Answers how many objects it held, or undefined when there was no bucket. */
export async function deleteBucketIfExists(s3: S3Client, bucket: string): Promise<number | undefined> {
  try {
    await s3.send(new HeadBucketCommand({ Bucket: bucket }));
  } catch (error) {
    if ((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404) {
      return undefined;
    }
    throw error;
  }
  const objects = await emptyBucket(s3, bucket);
  try {
    await s3.send(new DeleteBucketCommand({ Bucket: bucket }));
  } catch (error) {
    if ((error as { name?: string }).name === "BucketNotEmpty") {
      throw new Error(
        `S3 bucket '${bucket}' is still not empty after deleting ${objects} object(s): something is still writing to it, or it is versioned ` +
          "(then delete its object versions in the S3 console) — and run teardown again",
        { cause: error },
      );
    }
    throw error;
  }
  return objects;
}
