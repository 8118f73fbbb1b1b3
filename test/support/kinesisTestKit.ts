import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import {
  CreateStreamCommand,
  GetRecordsCommand,
  type GetRecordsCommandOutput,
  GetShardIteratorCommand,
  ListShardsCommand,
  type KinesisClient,
  type _Record,
  type Shard,
} from "@aws-sdk/client-kinesis";

/** A clock the test moves by hand, for `start({ now })`. */
export class ManualClock {
  constructor(private ms = Date.UTC(2026, 10, 28, 6, 0, 0)) {}

  readonly now = (): number => this.ms;

  advance(ms: number): void {
    this.ms += ms;
  }
}

let streamCounter = 0;

/** A stream name no other test in the process uses. */
export function uniqueStreamName(prefix = "stream"): string {
  streamCounter += 1;
  return `${prefix}-${process.pid}-${streamCounter}`;
}

/** Creates a provisioned stream (ACTIVE at once with the default delay) and returns its name. */
export async function createStream(kinesis: KinesisClient, shardCount = 1, name = uniqueStreamName()): Promise<string> {
  await kinesis.send(new CreateStreamCommand({ StreamName: name, ShardCount: shardCount }));
  return name;
}
export { rejectsWith } from "./awsAssertions";

export async function listAllShards(kinesis: KinesisClient, streamName: string): Promise<Shard[]> {
  return (await kinesis.send(new ListShardsCommand({ StreamName: streamName }))).Shards ?? [];
}

/** The MD5 of a partition key as Kinesis reads it: a 128-bit unsigned integer. */
export function hashKeyOf(partitionKey: string): bigint {
  return BigInt(`0x${createHash("md5").update(partitionKey, "utf8").digest("hex")}`);
}

/** The shard whose hash-key range holds `hashKey`. */
export function shardHolding(shards: readonly Shard[], hashKey: bigint): Shard {
  const shard = shards.find(
    (candidate) => BigInt(candidate.HashKeyRange!.StartingHashKey!) <= hashKey && hashKey <= BigInt(candidate.HashKeyRange!.EndingHashKey!),
  );
  assert.ok(shard, `no shard holds hash key ${hashKey}`);
  return shard;
}

export async function shardIterator(kinesis: KinesisClient, streamName: string, shardId: string, type: "TRIM_HORIZON" | "LATEST" = "TRIM_HORIZON"): Promise<string> {
  const { ShardIterator } = await kinesis.send(new GetShardIteratorCommand({ StreamName: streamName, ShardId: shardId, ShardIteratorType: type }));
  assert.ok(ShardIterator);
  return ShardIterator;
}

/** Reads a shard from the iterator until a read returns nothing. */
export async function readShard(kinesis: KinesisClient, iterator: string, limit?: number): Promise<_Record[]> {
  const records: _Record[] = [];
  let next: string | undefined = iterator;
  while (next !== undefined) {
    const page: GetRecordsCommandOutput = await kinesis.send(new GetRecordsCommand({ ShardIterator: next, Limit: limit }));
    records.push(...(page.Records ?? []));
    next = (page.Records ?? []).length === 0 ? undefined : page.NextShardIterator;
  }
  return records;
}

/** Every record of every shard, from TRIM_HORIZON, shard by shard. */
export async function readStream(kinesis: KinesisClient, streamName: string): Promise<(_Record & { ShardId: string })[]> {
  const records: (_Record & { ShardId: string })[] = [];
  for (const shard of await listAllShards(kinesis, streamName)) {
    const iterator = await shardIterator(kinesis, streamName, shard.ShardId!);
    records.push(...(await readShard(kinesis, iterator)).map((record) => ({ ...record, ShardId: shard.ShardId! })));
  }
  return records;
}

export function text(data: Uint8Array | undefined): string {
  return Buffer.from(data ?? new Uint8Array()).toString("utf8");
}

export function bytes(value: string): Uint8Array {
  return new TextEncoder().encode(value);
}
