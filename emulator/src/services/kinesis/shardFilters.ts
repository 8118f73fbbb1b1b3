import type { Shard, Stream } from "./Stream";

/** ListShards' filters that select by time or state (AFTER_SHARD_ID is a starting point instead). */
export const SHARD_FILTER_TYPES = ["AT_TRIM_HORIZON", "FROM_TRIM_HORIZON", "AT_LATEST", "AT_TIMESTAMP", "FROM_TIMESTAMP"] as const;
export type ShardSelection = { readonly type: (typeof SHARD_FILTER_TYPES)[number]; readonly timestampMs?: number };

/**
 * The shards a ShardFilter selects, as https://docs.aws.amazon.com/kinesis/latest/APIReference/API_ShardFilter.html
 * defines them. A shard starts when it was opened (the stream's creation for its first shards) and ends when a
 * reshard closed it; the trim horizon is the older of the stream's creation and the retention period's start.
 */
export function selectShards(stream: Stream, selection: ShardSelection, nowMs: number): Shard[] {
  const trimHorizonMs = Math.max(stream.createdMs, stream.retentionStartMs(nowMs));
  const openAt = (atMs: number): Shard[] => stream.shards.filter((shard) => shard.openedMs <= atMs && (shard.closedMs === undefined || shard.closedMs >= atMs));
  const openSince = (sinceMs: number): Shard[] => stream.shards.filter((shard) => shard.closedMs === undefined || shard.closedMs >= sinceMs);
  switch (selection.type) {
    case "AT_LATEST":
      return stream.shards.filter((shard) => shard.isOpen);
    case "AT_TRIM_HORIZON":
      return openAt(trimHorizonMs);
    case "AT_TIMESTAMP":
      return openAt(selection.timestampMs ?? nowMs);
    // "Corrected to TRIM_HORIZON of the data stream if FROM_TIMESTAMP is less than the TRIM_HORIZON value."
    case "FROM_TIMESTAMP":
      return openSince(Math.max(selection.timestampMs ?? nowMs, trimHorizonMs));
    case "FROM_TRIM_HORIZON":
      return openSince(trimHorizonMs);
  }
}
