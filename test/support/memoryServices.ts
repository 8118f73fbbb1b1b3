import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import { AwsError } from "@gpu-stream/emulator";
import type { KinesisStreams, ShardLineage, StoredRecord } from "@gpu-stream/emulator/internal/services/kinesis/KinesisStreams";
import type { S3Objects, StoredObjectInfo } from "@gpu-stream/emulator/internal/services/s3/S3Objects";

/**
 * Small in-memory stand-ins for the Kinesis and S3 services' in-process interfaces, for Firehose's unit tests
 * (buffers, keys, checkpoints) without HTTP. They keep what the real ones keep between two Firehose instances,
 * so a test can "restart" Firehose on the same directory against the same streams and buckets.
 */
export class MemoryKinesis implements KinesisStreams {
  private readonly streams = new Map<string, Map<string, StoredRecord[]>>();
  private readonly listeners = new Set<(streamName: string) => void>();
  private sequence = 0n;
  /** At most this many records per read, as the real service stops a read at a byte limit. */
  maxRecordsPerRead = Number.POSITIVE_INFINITY;

  createStream(name: string, shardCount = 1): void {
    this.streams.set(name, new Map(Array.from({ length: shardCount }, (_, index) => [`shardId-${String(index).padStart(12, "0")}`, []])));
  }

  /** Appends a record to a shard (the first by default) and tells the listeners, as the real service does after its write. */
  put(streamName: string, data: string | Uint8Array, arrivalMs: number, shardIndex = 0): StoredRecord {
    const shards = this.shardRecords(streamName);
    const shardId = [...shards.keys()][shardIndex]!;
    this.sequence += 1n;
    const record: StoredRecord = {
      shardId,
      sequenceNumber: String(this.sequence).padStart(56, "0"),
      partitionKey: "pk",
      data: typeof data === "string" ? new Uint8Array(Buffer.from(data)) : data,
      arrivalMs,
    };
    shards.get(shardId)!.push(record);
    for (const listener of this.listeners) {
      listener(streamName);
    }
    return record;
  }

  private shardRecords(streamName: string): Map<string, StoredRecord[]> {
    const shards = this.streams.get(streamName);
    if (shards === undefined) {
      throw new AwsError("ResourceNotFoundException", `Stream ${streamName} under account 000000000000 not found.`);
    }
    return shards;
  }

  resolveStreamName(nameOrArn: string): string {
    const name = nameOrArn.startsWith("arn:") ? nameOrArn.slice(nameOrArn.indexOf(":stream/") + ":stream/".length) : nameOrArn;
    this.shardRecords(name);
    return name;
  }

  streamArn(streamName: string): string {
    return `arn:aws:kinesis:us-east-1:000000000000:stream/${streamName}`;
  }

  shardIds(streamName: string): readonly string[] {
    return [...this.shardRecords(streamName).keys()];
  }

  shards(streamName: string): readonly ShardLineage[] {
    return this.shardIds(streamName).map((shardId) => ({ shardId, parentShardIds: [] }));
  }

  latestSequenceNumber(streamName: string, shardId: string): string | undefined {
    return this.shardRecords(streamName).get(shardId)!.at(-1)?.sequenceNumber;
  }

  async readAfter(streamName: string, shardId: string, afterSequenceNumber: string | undefined, limit: number): Promise<readonly StoredRecord[]> {
    const records = this.shardRecords(streamName).get(shardId)!;
    const start = afterSequenceNumber === undefined ? 0 : records.findIndex((record) => BigInt(record.sequenceNumber) > BigInt(afterSequenceNumber));
    return start === -1 ? [] : records.slice(start, start + Math.min(limit, this.maxRecordsPerRead));
  }

  onAppend(listener: (streamName: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

interface MemoryObject {
  readonly body: Buffer;
  readonly info: StoredObjectInfo;
}

export class MemoryS3 implements S3Objects {
  readonly buckets = new Map<string, Map<string, MemoryObject>>();
  /** Every successful putObject, in order (an overwrite is a second write of the same key). */
  readonly writes: string[] = [];
  /** Called after an object is stored; a throw here looks to Firehose like a failed write (or a crash right after it). */
  afterPut: ((bucket: string, key: string) => void) | undefined;

  createBucket(bucket: string): void {
    this.buckets.set(bucket, new Map());
  }

  bucketExists(bucket: string): boolean {
    return this.buckets.has(bucket);
  }

  private bucket(bucket: string): Map<string, MemoryObject> {
    const objects = this.buckets.get(bucket);
    if (objects === undefined) {
      throw new AwsError("NoSuchBucket", "The specified bucket does not exist", 404, { BucketName: bucket });
    }
    return objects;
  }

  async putObject(bucket: string, key: string, body: Uint8Array, options: { contentType?: string; metadata?: Readonly<Record<string, string>> } = {}): Promise<StoredObjectInfo> {
    const objects = this.bucket(bucket);
    const bytes = Buffer.from(body);
    const info: StoredObjectInfo = {
      key,
      size: bytes.length,
      etag: `"${createHash("md5").update(bytes).digest("hex")}"`,
      lastModified: new Date(),
      contentType: options.contentType ?? "binary/octet-stream",
      metadata: options.metadata ?? {},
    };
    objects.set(key, { body: bytes, info });
    this.writes.push(key);
    this.afterPut?.(bucket, key);
    return info;
  }

  async putObjectFile(bucket: string, key: string, path: string): Promise<StoredObjectInfo> {
    throw new Error(`MemoryS3 does not take files (${bucket}/${key} from ${path})`);
  }

  async deleteObject(bucket: string, key: string): Promise<void> {
    this.bucket(bucket).delete(key);
  }

  async headObject(bucket: string, key: string): Promise<StoredObjectInfo | undefined> {
    return this.bucket(bucket).get(key)?.info;
  }

  async getObject(bucket: string, key: string): Promise<{ info: StoredObjectInfo; body: Readable }> {
    const object = this.bucket(bucket).get(key);
    if (object === undefined) {
      throw new AwsError("NoSuchKey", "The specified key does not exist.", 404, { Key: key });
    }
    return { info: object.info, body: Readable.from([object.body]) };
  }

  async *listObjects(bucket: string, prefix = ""): AsyncIterable<StoredObjectInfo> {
    for (const key of [...this.bucket(bucket).keys()].sort()) {
      if (key.startsWith(prefix)) {
        yield this.bucket(bucket).get(key)!.info;
      }
    }
  }

  objectFilePath(bucket: string, key: string): string {
    throw new Error(`MemoryS3 keeps ${bucket}/${key} in memory, not in a file`);
  }

  bucketDirectories(): readonly string[] {
    return [];
  }

  /** Keys in key order. */
  keys(bucket: string): string[] {
    return [...this.bucket(bucket).keys()].sort();
  }

  body(bucket: string, key: string): Buffer {
    return this.bucket(bucket).get(key)!.body;
  }
}
