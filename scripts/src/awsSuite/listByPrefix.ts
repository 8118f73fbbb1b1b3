import { ListDeliveryStreamsCommand, type FirehoseClient } from "@aws-sdk/client-firehose";
import { GetCrawlersCommand, GetDatabasesCommand, type GlueClient } from "@aws-sdk/client-glue";
import { ListRolesCommand, type IAMClient } from "@aws-sdk/client-iam";
import { ListStreamsCommand, type KinesisClient } from "@aws-sdk/client-kinesis";
import { ListBucketsCommand, type S3Client } from "@aws-sdk/client-s3";

/*
 * The names of each kind of resource that start with a prefix. The listings are unfiltered on the server (not
 * every List call takes a prefix), so the prefix is matched here.
 */

interface NamePage {
  readonly names: readonly (string | undefined)[];
  /** Where the next page starts; undefined after the last. */
  readonly next: string | undefined;
}

async function namesStartingWith(prefix: string, page: (next: string | undefined) => Promise<NamePage>): Promise<string[]> {
  const found: string[] = [];
  let next: string | undefined;
  do {
    const current = await page(next);
    found.push(...current.names.filter((name): name is string => name !== undefined && name.startsWith(prefix)));
    next = current.next;
  } while (next !== undefined);
  return found;
}

export function streamsStartingWith(kinesis: KinesisClient, prefix: string): Promise<string[]> {
  return namesStartingWith(prefix, async (next) => {
    const page = await kinesis.send(new ListStreamsCommand(next === undefined ? {} : { NextToken: next }));
    return { names: page.StreamNames ?? [], next: page.HasMoreStreams === true ? page.NextToken : undefined };
  });
}

export function deliveryStreamsStartingWith(firehose: FirehoseClient, prefix: string): Promise<string[]> {
  return namesStartingWith(prefix, async (next) => {
    const page = await firehose.send(new ListDeliveryStreamsCommand(next === undefined ? {} : { ExclusiveStartDeliveryStreamName: next }));
    const names = page.DeliveryStreamNames ?? [];
    // Firehose pages by name: the next page starts after this page's last one.
    return { names, next: page.HasMoreDeliveryStreams === true ? names[names.length - 1] : undefined };
  });
}

export function crawlersStartingWith(glue: GlueClient, prefix: string): Promise<string[]> {
  return namesStartingWith(prefix, async (next) => {
    const page = await glue.send(new GetCrawlersCommand(next === undefined ? {} : { NextToken: next }));
    return { names: (page.Crawlers ?? []).map((crawler) => crawler.Name), next: page.NextToken };
  });
}

export function databasesStartingWith(glue: GlueClient, prefix: string): Promise<string[]> {
  return namesStartingWith(prefix, async (next) => {
    const page = await glue.send(new GetDatabasesCommand(next === undefined ? {} : { NextToken: next }));
    return { names: (page.DatabaseList ?? []).map((database) => database.Name), next: page.NextToken };
  });
}

export function rolesStartingWith(iam: IAMClient, prefix: string): Promise<string[]> {
  return namesStartingWith(prefix, async (next) => {
    const page = await iam.send(new ListRolesCommand(next === undefined ? {} : { Marker: next }));
    return { names: (page.Roles ?? []).map((role) => role.RoleName), next: page.IsTruncated === true ? page.Marker : undefined };
  });
}

export function bucketsStartingWith(s3: S3Client, prefix: string): Promise<string[]> {
  return namesStartingWith(prefix, async (next) => {
    const page = await s3.send(new ListBucketsCommand(next === undefined ? {} : { ContinuationToken: next }));
    return { names: (page.Buckets ?? []).map((bucket) => bucket.Name), next: page.ContinuationToken };
  });
}
