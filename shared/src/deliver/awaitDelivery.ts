import type { S3Client } from "@aws-sdk/client-s3";
import { countDeliveredRecords, type DeliveredRecords } from "./countDeliveredRecords";
import { flushLocalFirehose } from "./flushLocalFirehose";
import { waitForDeliveredRecords, type WaitForDeliveryOptions } from "./waitForDeliveredRecords";

/** What awaitDelivery needs of a PipelineSession (connectPipeline's answer). */
export interface DeliverySession {
  readonly clients: { readonly s3: S3Client };
  readonly names: { readonly bucket: string };
  /** Local mode: the emulator's URL; absent on AWS. */
  readonly emulatorUrl?: string;
}

export interface AwaitDeliveryOptions extends WaitForDeliveryOptions {
  /** The folder to count (e.g. `names.dataPrefix`); absent: nothing is counted. */
  readonly prefix?: string;
  /** On AWS, wait until this many records lie under `prefix`; absent: count what is there now. */
  readonly expected?: number;
}

/**
 * Makes what Firehose buffers land in S3, the right way for the mode, so a notebook need not ask which it runs in.
 * Locally, the emulator's Firehose is told to deliver now (its control route). On AWS a buffer is delivered only
 * when its interval or size is reached, so this waits until `expected` records lie under `prefix`
 * (waitForDeliveredRecords; without `expected` there is nothing to wait for). With `prefix`, answers what lies there.
 */
export async function awaitDelivery(session: DeliverySession, options: AwaitDeliveryOptions & { readonly prefix: string }): Promise<DeliveredRecords>;
export async function awaitDelivery(session: DeliverySession, options?: AwaitDeliveryOptions): Promise<DeliveredRecords | undefined>;
export async function awaitDelivery(session: DeliverySession, options: AwaitDeliveryOptions = {}): Promise<DeliveredRecords | undefined> {
  const { s3 } = session.clients;
  const { prefix, expected } = options;
  if (session.emulatorUrl !== undefined) {
    await flushLocalFirehose(session.emulatorUrl);
  } else if (prefix !== undefined && expected !== undefined) {
    return waitForDeliveredRecords(s3, session.names.bucket, prefix, expected, options);
  }
  return prefix === undefined ? undefined : countDeliveredRecords(s3, session.names.bucket, prefix);
}
