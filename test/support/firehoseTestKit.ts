import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { CreateDeliveryStreamInput, ExtendedS3DestinationConfiguration } from "@aws-sdk/client-firehose";
import { createFirehoseService, type FirehoseOptions, type FirehoseService } from "@gpu-stream/emulator/internal/services/firehose/createFirehoseService";
import { MemoryKinesis, MemoryS3 } from "./memoryServices";

export const ROLE_ARN = "arn:aws:iam::000000000000:role/firehose-delivery";

/** 2026-11-28 06:29:32.123 UTC: a time whose key parts are all different, so a swapped field shows. */
export const T0 = Date.UTC(2026, 10, 28, 6, 29, 32, 123);

/** A clock the test moves by hand. */
export class TestClock {
  constructor(public ms = T0) {}

  readonly now = (): number => this.ms;
}

/** An Extended S3 destination to `bucket`, large buffers (so only flush or the size hint deliver), then `overrides`. */
export function s3Destination(bucket: string, overrides: Partial<ExtendedS3DestinationConfiguration> = {}): ExtendedS3DestinationConfiguration {
  return {
    RoleARN: ROLE_ARN,
    BucketARN: `arn:aws:s3:::${bucket}`,
    BufferingHints: { SizeInMBs: 128, IntervalInSeconds: 900 },
    ...overrides,
  };
}

export const NEWLINE_DELIMITED = { Enabled: true, Processors: [{ Type: "AppendDelimiterToRecord" as const }] };

/**
 * Firehose over in-memory Kinesis and S3 on a real directory, driven by calling its operations' handlers (no
 * HTTP, no validation): for buffers, keys and checkpoints. `restart()` opens a new Firehose on the same
 * directory and the same Kinesis and S3, as the emulator does after a restart.
 */
export class MemoryFirehose {
  private constructor(
    readonly directory: string,
    readonly kinesis: MemoryKinesis,
    readonly s3: MemoryS3,
    readonly clock: TestClock,
    private readonly options: FirehoseOptions,
    public firehose: FirehoseService,
  ) {}

  static async open(options: FirehoseOptions = {}): Promise<MemoryFirehose> {
    const directory = await mkdtemp(join(tmpdir(), "gpu-stream-firehose-"));
    const kinesis = new MemoryKinesis();
    const s3 = new MemoryS3();
    const clock = new TestClock();
    const firehose = await MemoryFirehose.service(directory, kinesis, s3, clock, options);
    return new MemoryFirehose(directory, kinesis, s3, clock, options, firehose);
  }

  private static service(directory: string, kinesis: MemoryKinesis, s3: MemoryS3, clock: TestClock, options: FirehoseOptions): Promise<FirehoseService> {
    const context = { region: "us-east-1", accountId: "000000000000", now: clock.now };
    return createFirehoseService({ directory, context, log: () => undefined }, { kinesis, s3 }, options);
  }

  /** Calls an operation's handler as the emulator would after validation. */
  async call<Output = unknown>(operationName: string, input: object): Promise<Output> {
    const context = { region: "us-east-1", accountId: "000000000000", now: this.clock.now };
    return (await this.firehose.json.operations[operationName]!.handle(input, context)) as Output;
  }

  createDeliveryStream(input: CreateDeliveryStreamInput): Promise<unknown> {
    return this.call("CreateDeliveryStream", input);
  }

  putRecordBatch(name: string, records: readonly string[]): Promise<unknown> {
    return this.call("PutRecordBatch", { DeliveryStreamName: name, Records: records.map((record) => ({ Data: new Uint8Array(Buffer.from(record)) })) });
  }

  /** Closes this Firehose (with `options.flushOnClose`) and opens a new one on the same state. */
  async restart(options: FirehoseOptions = this.options): Promise<void> {
    await this.firehose.close();
    this.firehose = await MemoryFirehose.service(this.directory, this.kinesis, this.s3, this.clock, options);
  }

  async close(): Promise<void> {
    await this.firehose.close();
    await rm(this.directory, { recursive: true, force: true });
  }
}

/** Waits (a few seconds at most) until `condition` holds: for deliveries Firehose starts on its own. */
export async function eventually(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Splits a newline-delimited object into its lines (the last newline ends the last record). */
export function lines(body: Buffer | string): string[] {
  const text = body.toString();
  return text === "" ? [] : text.replace(/\n$/, "").split("\n");
}

/** The JSON values of a body written back to back (`{"a":1}{"a":2}`), as a reader that knows to split them sees them. */
export function backToBackJson(body: Buffer | string): unknown[] {
  return body
    .toString()
    .replace(/}\s*{/g, "}\u0000{")
    .split("\u0000")
    .filter((part) => part !== "")
    .map((part) => JSON.parse(part) as unknown);
}
