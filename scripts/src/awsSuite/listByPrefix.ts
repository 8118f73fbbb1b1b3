import { ListDeliveryStreamsCommand, type FirehoseClient } from "@aws-sdk/client-firehose";
import { GetCrawlersCommand, GetDatabasesCommand, type GlueClient } from "@aws-sdk/client-glue";
import { ListRolesCommand, type IAMClient } from "@aws-sdk/client-iam";
import { ListStreamsCommand, type KinesisClient } from "@aws-sdk/client-kinesis";
import { ListBucketsCommand, type S3Client } from "@aws-sdk/client-s3";

/*
 * The names of each kind of resource that start with a prefix, page by page. The listings are unfiltered on the
 * server (not every List call takes a prefix), so the prefix is matched here.
 */

function startingWith(prefix: string, names: readonly (string | undefined)[]): string[] {
  return names.filter((name): name is string => name !== undefined && name.startsWith(prefix));
}

export async function streamsStartingWith(kinesis: KinesisClient, prefix: string): Promise<string[]> {
  const found: string[] = [];
  let token: string | undefined;
  do {
    const page = await kinesis.send(new ListStreamsCommand(token === undefined ? {} : { NextToken: token }));
    found.push(...startingWith(prefix, page.StreamNames ?? []));
    token = page.HasMoreStreams === true ? page.NextToken : undefined;
  } while (token !== undefined);
  return found;
}

export async function deliveryStreamsStartingWith(firehose: FirehoseClient, prefix: string): Promise<string[]> {
  const found: string[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await firehose.send(new ListDeliveryStreamsCommand(after === undefined ? {} : { ExclusiveStartDeliveryStreamName: after }));
    const names = page.DeliveryStreamNames ?? [];
    found.push(...startingWith(prefix, names));
    if (page.HasMoreDeliveryStreams !== true || names.length === 0) {
      return found;
    }
    after = names[names.length - 1];
  }
}

export async function crawlersStartingWith(glue: GlueClient, prefix: string): Promise<string[]> {
  const found: string[] = [];
  let token: string | undefined;
  do {
    const page = await glue.send(new GetCrawlersCommand(token === undefined ? {} : { NextToken: token }));
    found.push(...startingWith(prefix, (page.Crawlers ?? []).map((crawler) => crawler.Name)));
    token = page.NextToken;
  } while (token !== undefined);
  return found;
}

export async function databasesStartingWith(glue: GlueClient, prefix: string): Promise<string[]> {
  const found: string[] = [];
  let token: string | undefined;
  do {
    const page = await glue.send(new GetDatabasesCommand(token === undefined ? {} : { NextToken: token }));
    found.push(...startingWith(prefix, (page.DatabaseList ?? []).map((database) => database.Name)));
    token = page.NextToken;
  } while (token !== undefined);
  return found;
}

export async function rolesStartingWith(iam: IAMClient, prefix: string): Promise<string[]> {
  const found: string[] = [];
  let marker: string | undefined;
  do {
    const page = await iam.send(new ListRolesCommand(marker === undefined ? {} : { Marker: marker }));
    found.push(...startingWith(prefix, (page.Roles ?? []).map((role) => role.RoleName)));
    marker = page.IsTruncated === true ? page.Marker : undefined;
  } while (marker !== undefined);
  return found;
}

export async function bucketsStartingWith(s3: S3Client, prefix: string): Promise<string[]> {
  const found: string[] = [];
  let token: string | undefined;
  do {
    const page = await s3.send(new ListBucketsCommand(token === undefined ? {} : { ContinuationToken: token }));
    found.push(...startingWith(prefix, (page.Buckets ?? []).map((bucket) => bucket.Name)));
    token = page.ContinuationToken;
  } while (token !== undefined);
  return found;
}
