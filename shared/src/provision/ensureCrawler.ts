import { CreateCrawlerCommand, EntityNotFoundException, GetCrawlerCommand, type GlueClient } from "@aws-sdk/client-glue";
import type { EnsureResult } from "./EnsureResult";

export interface EnsureCrawlerOptions {
  readonly database: string;
  /** `s3://bucket/prefix/` to crawl. */
  readonly s3Path: string;
  /** The IAM role the crawler assumes to read the bucket (the emulator does not check it). */
  readonly roleArn: string;
}

/** Creates the Glue crawler over an S3 path unless it exists. */
export async function ensureCrawler(glue: GlueClient, name: string, options: EnsureCrawlerOptions): Promise<EnsureResult> {
  try {
    await glue.send(new GetCrawlerCommand({ Name: name }));
    return { created: false };
  } catch (error) {
    if (!(error instanceof EntityNotFoundException)) {
      throw error;
    }
  }
  await glue.send(
    new CreateCrawlerCommand({ Name: name, Role: options.roleArn, DatabaseName: options.database, Targets: { S3Targets: [{ Path: options.s3Path }] } }),
  );
  return { created: true };
}
