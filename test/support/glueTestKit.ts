import { CreateBucketCommand, PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { CreateCrawlerCommand, CreateDatabaseCommand, GetCrawlerCommand, GlueClient, StartCrawlerCommand, type Crawler, type CreateCrawlerRequest } from "@aws-sdk/client-glue";
import { clientConfig, type TestEmulator } from "./testEmulator";

export { rejectsWith } from "./awsAssertions";

export function glueClient(emulator: TestEmulator): GlueClient {
  return new GlueClient(clientConfig(emulator.emulator.url));
}

let counter = 0;

/** A fresh lower-case name (Glue keeps catalog names lower case). */
export function uniqueName(prefix: string): string {
  counter += 1;
  return `${prefix}_${process.pid}_${counter}`;
}

/** A fresh bucket name (S3 allows lower case, digits and hyphens). */
export function uniqueBucket(prefix = "glue-bucket"): string {
  counter += 1;
  return `${prefix}-${process.pid}-${counter}`;
}

export async function createDatabase(glue: GlueClient, name = uniqueName("db")): Promise<string> {
  await glue.send(new CreateDatabaseCommand({ DatabaseInput: { Name: name } }));
  return name;
}

/** Creates the bucket and puts each object through the S3 API. */
export async function putObjects(s3: S3Client, bucket: string, objects: Record<string, string | Uint8Array>): Promise<void> {
  await s3.send(new CreateBucketCommand({ Bucket: bucket })).catch((error: Error) => {
    if (error.name !== "BucketAlreadyOwnedByYou") {
      throw error;
    }
  });
  for (const [key, body] of Object.entries(objects)) {
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
  }
}

/** Polls GetCrawler (the SDK has no crawler waiter) until the crawler is READY again; bounded, never timed. */
export async function waitForCrawlerReady(glue: GlueClient, name: string, maxPolls = 400): Promise<Crawler> {
  for (let poll = 0; poll < maxPolls; poll += 1) {
    const { Crawler: crawler } = await glue.send(new GetCrawlerCommand({ Name: name }));
    if (crawler?.State === "READY") {
      return crawler;
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`crawler ${name} did not return to READY after ${maxPolls} polls`);
}

/** Creates a crawler over `s3://bucket/prefix`, runs it and waits for it to be READY; answers its final state. */
export async function crawl(glue: GlueClient, databaseName: string, path: string, options: Partial<CreateCrawlerRequest> = {}): Promise<{ name: string; crawler: Crawler }> {
  const name = options.Name ?? uniqueName("crawler");
  await glue.send(new CreateCrawlerCommand({ Name: name, Role: "arn:aws:iam::000000000000:role/glue", DatabaseName: databaseName, Targets: { S3Targets: [{ Path: path }] }, ...options }));
  await glue.send(new StartCrawlerCommand({ Name: name }));
  return { name, crawler: await waitForCrawlerReady(glue, name) };
}

/** Reruns an existing crawler and waits for READY. */
export async function recrawl(glue: GlueClient, name: string): Promise<Crawler> {
  await glue.send(new StartCrawlerCommand({ Name: name }));
  return waitForCrawlerReady(glue, name);
}
