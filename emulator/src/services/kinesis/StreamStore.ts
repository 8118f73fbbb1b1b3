import type { StreamMode } from "@aws-sdk/client-kinesis";
import { existsSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import { rm } from "node:fs/promises";
import { join } from "node:path";
import type { PageTokens } from "../../server/PageTokens";
import type { ServiceEnvironment } from "../EmulatorService";
import { splitHashKeySpace } from "./hashKeyRanges";
import { invalidArgument, limitExceeded, shardNotFound, streamAlreadyExists, streamNotActive, streamNotFound } from "./kinesisErrors";
import type { KinesisStreams, ShardLineage, StoredRecord } from "./KinesisStreams";
import { Shard, shardIdOf, shardIndexOf, STREAM_FILE, Stream, type StreamOptions } from "./Stream";
import type { Reshard } from "./reshardShards";
import { MAX_NUMBERED_SHARD_INDEX } from "./sequenceNumbers";
import { kinesisPageTokens } from "./listTokens";
import { TokenSigner } from "./TokenSigner";

export interface StreamStoreOptions {
  /** How long a new stream stays CREATING, and a deleted one DELETING. */
  readonly createStreamDelayMs: number;
  readonly enforceShardLimits: boolean;
  readonly fsync: boolean;
}

export interface NewStream {
  readonly name: string;
  readonly mode: StreamMode;
  readonly shardCount: number;
  readonly tags: Readonly<Record<string, string>>;
}

export const DEFAULT_RETENTION_HOURS = 24;
/** AWS's default shard quota per account: 500 in these Regions, 200 in the others. */
const LARGE_QUOTA_REGIONS = ["us-east-1", "us-west-2", "eu-west-1"];
export const ON_DEMAND_STREAM_LIMIT = 50;
/** GetRecords returns at most 10 MiB; in-process readers get the same cap. */
export const MAX_READ_BYTES = 10 * 1024 * 1024;

const STREAM_ARN = /^arn:aws[a-z-]*:kinesis:([a-z0-9-]+):(\d{12}):stream\/([a-zA-Z0-9_.-]{1,128})$/;
/** The consumer pattern of https://docs.aws.amazon.com/kinesis/latest/APIReference/API_PutResourcePolicy.html. */
const CONSUMER_ARN = /^(arn):aws.*:kinesis:.*:\d{12}:.*stream\/[a-zA-Z0-9_.-]+\/consumer\/[a-zA-Z0-9_.-]+:[0-9]+/;

/** Whether a resource policy's ResourceARN names a consumer rather than a stream (the API reference's patterns). */
export function namesConsumer(resourceArn: string): boolean {
  return CONSUMER_ARN.test(resourceArn);
}

/**
 * Every stream, under `<directory>/streams/<name>.<createdMs>/` (the creation time keeps a recreated
 * stream's files apart from its predecessor's, and `.`/`..` or names differing only in case from
 * colliding). Also the Kinesis service's in-process face for Firehose.
 */
export class StreamStore implements KinesisStreams {
  readonly signer: TokenSigner;
  /** ListShards' and ListStreams' NextTokens, sealed by `signer`. */
  readonly pageTokens: PageTokens;
  private readonly streams = new Map<string, Stream>();
  private readonly listeners = new Set<(streamName: string) => void>();
  private readonly removals = new Set<Promise<void>>();
  private readonly streamsDirectory: string;
  private readonly streamOptions: StreamOptions;
  private lastEpochMs = 0;

  private constructor(
    private readonly environment: ServiceEnvironment,
    private readonly options: StreamStoreOptions,
  ) {
    this.signer = TokenSigner.open(environment.directory);
    this.pageTokens = kinesisPageTokens(this.signer);
    this.streamsDirectory = join(environment.directory, "streams");
    this.streamOptions = { enforceShardLimits: options.enforceShardLimits, fsync: options.fsync, log: environment.log };
  }

  static async open(environment: ServiceEnvironment, options: StreamStoreOptions): Promise<StreamStore> {
    const store = new StreamStore(environment, options);
    await store.load();
    return store;
  }

  get accountId(): string {
    return this.environment.context.accountId;
  }

  get region(): string {
    return this.environment.context.region;
  }

  get shardLimit(): number {
    return LARGE_QUOTA_REGIONS.includes(this.region) ? 500 : 200;
  }

  now(): number {
    return this.environment.context.now();
  }

  streamArn(streamName: string): string {
    return `arn:aws:kinesis:${this.region}:${this.accountId}:stream/${streamName}`;
  }

  /** The stream an input names by StreamName, StreamARN or both (AWS accepts either). */
  streamNameOf(input: { readonly StreamName?: string | undefined; readonly StreamARN?: string | undefined }): string {
    const { StreamName: name, StreamARN: arn } = input;
    if (arn === undefined) {
      if (name === undefined) {
        throw invalidArgument("Either StreamName or StreamARN must be provided.");
      }
      return name;
    }
    const match = STREAM_ARN.exec(arn);
    if (match === null) {
      throw invalidArgument(`StreamARN ${arn} is not the ARN of a Kinesis data stream.`);
    }
    const [, region, accountId, arnName] = match as unknown as [string, string, string, string];
    if (name !== undefined && name !== arnName) {
      throw invalidArgument(`StreamName ${name} and StreamARN ${arn} name different streams.`);
    }
    if (region !== this.region || accountId !== this.accountId) {
      throw streamNotFound(arnName, accountId);
    }
    return arnName;
  }

  /** The stream a resource policy's ResourceARN names (resourcePolicies.ts asks namesConsumer first). */
  streamNameOfResource(resourceArn: string): string {
    if (!STREAM_ARN.test(resourceArn)) {
      throw invalidArgument(`ResourceARN ${resourceArn} is not the ARN of a Kinesis data stream or consumer.`);
    }
    return this.streamNameOf({ StreamARN: resourceArn });
  }

  find(streamName: string): Stream | undefined {
    const stream = this.streams.get(streamName);
    if (stream !== undefined && stream.status(this.now()) === "GONE") {
      this.purge(stream);
      return undefined;
    }
    stream?.settle(this.now());
    return stream;
  }

  /** The stream in any state but gone; ResourceNotFoundException otherwise. */
  get(streamName: string): Stream {
    const stream = this.find(streamName);
    if (stream === undefined) {
      throw streamNotFound(streamName, this.accountId);
    }
    return stream;
  }

  /** For records (put, iterators): a stream that is not ACTIVE is "not found", as AWS answers PutRecord and GetShardIterator. */
  getForRecords(streamName: string): Stream {
    const stream = this.get(streamName);
    if (!stream.isWritable(this.now())) {
      throw streamNotFound(streamName, this.accountId);
    }
    return stream;
  }

  /** For changes to the stream: ResourceInUseException unless ACTIVE. */
  getActive(streamName: string): Stream {
    const stream = this.get(streamName);
    const status = stream.status(this.now());
    if (status !== "ACTIVE") {
      throw streamNotActive(streamName, this.accountId, status);
    }
    return stream;
  }

  /** Every stream not gone, by name. */
  list(): Stream[] {
    return [...this.streams.keys()]
      .sort()
      .map((name) => this.find(name))
      .filter((stream): stream is Stream => stream !== undefined);
  }

  /** The account's shard quota counts open shards only (closed ones are kept for reading). */
  openShardCount(): number {
    return this.list().reduce((sum, stream) => sum + stream.openShardCount(), 0);
  }

  onDemandStreamCount(): number {
    return this.list().filter((stream) => stream.mode === "ON_DEMAND").length;
  }

  create(spec: NewStream): Stream {
    if (this.find(spec.name) !== undefined) {
      throw streamAlreadyExists(spec.name, this.accountId);
    }
    const openShards = this.openShardCount();
    if (openShards + spec.shardCount > this.shardLimit) {
      throw limitExceeded(
        `This request would exceed the shard limit for the account ${this.accountId} in ${this.region}. ` +
          `Current shard count for the account: ${openShards}. Limit: ${this.shardLimit}. ` +
          `Number of additional shards that would have resulted from this request: ${spec.shardCount}. ` +
          // Word for word as Kinesis ends it (kinesalite test/createStream.js "LimitExceededException for large ShardCount").
          "Refer to the AWS Service Limits page (http://docs.aws.amazon.com/general/latest/gr/aws_service_limits.html) for current limits and how to request higher limits.",
      );
    }
    if (spec.mode === "ON_DEMAND" && this.onDemandStreamCount() >= ON_DEMAND_STREAM_LIMIT) {
      throw limitExceeded(`This request would exceed the limit of ${ON_DEMAND_STREAM_LIMIT} on-demand streams for the account ${this.accountId} in ${this.region}.`);
    }
    const now = this.now();
    const createdMs = Math.max(now, this.lastEpochMs + 1);
    this.lastEpochMs = createdMs;
    const directory = join(this.streamsDirectory, `${spec.name}.${createdMs}`);
    mkdirSync(directory, { recursive: true });
    const stream = Stream.create(
      directory,
      {
        name: spec.name,
        createdMs,
        activeAtMs: now + this.options.createStreamDelayMs,
        mode: spec.mode,
        retentionHours: DEFAULT_RETENTION_HOURS,
        tags: spec.tags,
        shards: splitHashKeySpace(spec.shardCount).map((range, index) => ({
          shardId: shardIdOf(index),
          startingHashKey: range.start.toString(),
          endingHashKey: range.end.toString(),
        })),
      },
      this.streamOptions,
    );
    this.streams.set(spec.name, stream);
    return stream;
  }

  /**
   * Acknowledges a reshard: on disk before this returns, UPDATING for the configured delay (CREATING's), then
   * applied by `find` (at once with no delay).
   */
  reshard(stream: Stream, reshard: Reshard, shardCountUpdatesMs?: readonly number[]): void {
    // Sequence numbers hold the shard index in 6 digits: a stream can open a million shards in its life.
    const newShards = reshard.kind === "split" ? 2 : reshard.kind === "merge" ? 1 : 3 * (reshard.targetShardCount + stream.openShardCount());
    if (stream.shards.length + newShards > MAX_NUMBERED_SHARD_INDEX + 1) {
      throw limitExceeded(`Stream ${stream.name} under account ${this.accountId} has opened as many shards as this emulator can number (${MAX_NUMBERED_SHARD_INDEX + 1}).`);
    }
    const now = this.now();
    stream.beginReshard(reshard, now + this.options.createStreamDelayMs, shardCountUpdatesMs);
    stream.settle(now);
  }

  /** DELETING for the configured delay, then gone; the deletion is on disk before this returns. */
  delete(stream: Stream): void {
    stream.update({ deleteAtMs: this.now() + this.options.createStreamDelayMs });
    if (this.options.createStreamDelayMs === 0) {
      this.purge(stream);
    }
  }

  // KinesisStreams: the in-process face used by Firehose.

  resolveStreamName(nameOrArn: string): string {
    return nameOrArn.startsWith("arn:") ? this.streamNameOf({ StreamARN: nameOrArn }) : nameOrArn;
  }

  shardIds(streamName: string): readonly string[] {
    return this.get(streamName).open.map((shard) => shard.id).sort();
  }

  shards(streamName: string): readonly ShardLineage[] {
    return this.get(streamName).shards.map((shard) => ({
      shardId: shard.id,
      parentShardIds: shard.parentShardIds,
      ...(shard.endingSequenceNumber === undefined ? {} : { endingSequenceNumber: shard.endingSequenceNumber }),
    }));
  }

  latestSequenceNumber(streamName: string, shardId: string): string | undefined {
    const shard = this.shardOf(this.get(streamName), shardId);
    return shard.log.count === 0 ? undefined : shard.sequenceNumber(shard.log.count);
  }

  async readAfter(streamName: string, shardId: string, afterSequenceNumber: string | undefined, limit: number): Promise<readonly StoredRecord[]> {
    const stream = this.get(streamName);
    const shard = this.shardOf(stream, shardId);
    let from = 1;
    if (afterSequenceNumber !== undefined) {
      const found = stream.locate(afterSequenceNumber, shard);
      if (found.kind !== "found") {
        throw invalidArgument(`Sequence number ${afterSequenceNumber} did not come from shard ${shard.id} of stream ${streamName}.`);
      }
      from = found.ordinal + 1;
    }
    const { records } = await shard.log.read(from, limit, MAX_READ_BYTES, stream.retentionStartMs(this.now()));
    return records.map((record) => ({
      shardId: shard.id,
      sequenceNumber: shard.sequenceNumber(record.ordinal),
      partitionKey: record.partitionKey,
      data: record.data,
      arrivalMs: record.arrivalMs,
    }));
  }

  onAppend(listener: (streamName: string) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  /** Tells in-process readers that records were appended (and are as durable as they will be). */
  notifyAppend(streamName: string): void {
    for (const listener of this.listeners) {
      try {
        listener(streamName);
      } catch (error) {
        this.environment.log(`kinesis: an append listener failed: ${String(error)}`);
      }
    }
  }

  shardOf(stream: Stream, shardId: string): Shard {
    const shard = stream.shardById(shardId);
    if (shard === undefined) {
      const index = shardIndexOf(shardId);
      throw shardNotFound(index === undefined ? shardId : shardIdOf(index), stream.name, this.accountId);
    }
    return shard;
  }

  async close(): Promise<void> {
    const streams = [...this.streams.values()];
    this.streams.clear();
    await Promise.all(streams.map((stream) => stream.close()));
    await Promise.allSettled([...this.removals]);
  }

  private purge(stream: Stream): void {
    if (this.streams.get(stream.name) === stream) {
      this.streams.delete(stream.name);
    }
    const removal = (async () => {
      await stream.close();
      await rm(stream.directory, { recursive: true, force: true });
    })().catch((error: unknown) => this.environment.log(`kinesis: could not remove ${stream.directory}: ${String(error)}`));
    this.removals.add(removal);
    void removal.finally(() => this.removals.delete(removal));
  }

  private async load(): Promise<void> {
    mkdirSync(this.streamsDirectory, { recursive: true });
    const now = this.now();
    for (const entry of readdirSync(this.streamsDirectory, { withFileTypes: true })) {
      const path = join(this.streamsDirectory, entry.name);
      if (!entry.isDirectory()) {
        continue;
      }
      if (!existsSync(join(path, STREAM_FILE))) {
        // A CreateStream that never reached its commit point (the metadata file): it was never acknowledged.
        rmSync(path, { recursive: true, force: true });
        continue;
      }
      for (const leftover of readdirSync(path).filter((name) => name.endsWith(".tmp"))) {
        rmSync(join(path, leftover), { force: true });
      }
      const stream = Stream.load(path, this.streamOptions);
      this.lastEpochMs = Math.max(this.lastEpochMs, stream.createdMs);
      const previous = this.streams.get(stream.name);
      if (stream.status(now) === "GONE" || (previous !== undefined && previous.createdMs > stream.createdMs)) {
        await stream.close();
        rmSync(path, { recursive: true, force: true });
        continue;
      }
      if (previous !== undefined) {
        await previous.close();
        rmSync(previous.directory, { recursive: true, force: true });
      }
      this.streams.set(stream.name, stream);
    }
  }
}
