import { CreateStreamCommand, DescribeStreamSummaryCommand, ListShardsCommand, type KinesisClient } from "@aws-sdk/client-kinesis";

export interface ShardRange {
  readonly shardId: string;
  readonly startingHashKey: bigint;
  readonly endingHashKey: bigint;
}

export interface BenchStream {
  readonly name: string;
  /** In ListShards order; a shard's index here is how the ledger names it. */
  readonly shards: readonly ShardRange[];
  shardIndexOf(shardId: string): number;
  /** The shard whose hash-key range holds this hash key. */
  shardIndexOfHashKey(hashKey: bigint): number;
}

export async function createBenchStream(client: KinesisClient, name: string, shardCount: number): Promise<BenchStream> {
  await client.send(new CreateStreamCommand({ StreamName: name, ShardCount: shardCount }));
  const deadline = Date.now() + 30_000;
  for (;;) {
    const summary = await client.send(new DescribeStreamSummaryCommand({ StreamName: name }));
    if (summary.StreamDescriptionSummary?.StreamStatus === "ACTIVE") {
      break;
    }
    if (Date.now() > deadline) {
      throw new Error(`stream ${name} not ACTIVE within 30 s`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const listed = await client.send(new ListShardsCommand({ StreamName: name }));
  const shards = (listed.Shards ?? []).map((shard) => ({
    shardId: shard.ShardId!,
    startingHashKey: BigInt(shard.HashKeyRange!.StartingHashKey!),
    endingHashKey: BigInt(shard.HashKeyRange!.EndingHashKey!),
  }));
  if (shards.length !== shardCount) {
    throw new Error(`stream ${name} has ${shards.length} shards, expected ${shardCount}`);
  }
  const byId = new Map(shards.map((shard, index) => [shard.shardId, index]));
  return {
    name,
    shards,
    shardIndexOf: (shardId) => {
      const index = byId.get(shardId);
      if (index === undefined) {
        throw new Error(`unknown shard ${shardId} in stream ${name}`);
      }
      return index;
    },
    shardIndexOfHashKey: (hashKey) => shards.findIndex((shard) => shard.startingHashKey <= hashKey && hashKey <= shard.endingHashKey),
  };
}
