import assert from "node:assert/strict";
import { GetRecordsCommand, type GetRecordsCommandOutput, GetShardIteratorCommand, ListShardsCommand, type KinesisClient, type _Record } from "@aws-sdk/client-kinesis";

export type LineageRecord = _Record & { readonly ShardId: string };

/**
 * Reads a whole stream as a resharding-aware consumer does: the shards open at TRIM_HORIZON first, each to its
 * end (no NextShardIterator), then each child named in ChildShards once all its parents are read.
 */
export async function readByLineage(kinesis: KinesisClient, streamName: string): Promise<LineageRecord[]> {
  const listed = await kinesis.send(new ListShardsCommand({ StreamName: streamName, ShardFilter: { Type: "AT_TRIM_HORIZON" } }));
  const queue = (listed.Shards ?? []).map((shard) => shard.ShardId!);
  const done = new Set<string>();
  const waiting = new Map<string, readonly string[]>();
  const records: LineageRecord[] = [];
  while (queue.length > 0) {
    const shardId = queue.shift()!;
    if (done.has(shardId)) {
      continue;
    }
    const { ShardIterator } = await kinesis.send(new GetShardIteratorCommand({ StreamName: streamName, ShardId: shardId, ShardIteratorType: "TRIM_HORIZON" }));
    let iterator = ShardIterator;
    let page: GetRecordsCommandOutput | undefined;
    while (iterator !== undefined) {
      page = await kinesis.send(new GetRecordsCommand({ ShardIterator: iterator }));
      records.push(...(page.Records ?? []).map((record) => ({ ...record, ShardId: shardId })));
      iterator = page.NextShardIterator;
      if (iterator !== undefined && (page.Records ?? []).length === 0) {
        // An open shard read to its tip: nothing more to read now.
        break;
      }
    }
    done.add(shardId);
    for (const child of page?.ChildShards ?? []) {
      waiting.set(child.ShardId!, child.ParentShards ?? []);
    }
    for (const [child, parents] of waiting) {
      if (parents.every((parent) => done.has(parent))) {
        waiting.delete(child);
        queue.push(child);
      }
    }
  }
  assert.equal(waiting.size, 0, `children never reached: ${[...waiting.keys()].join(", ")}`);
  return records;
}
