import { splitHashKeySpace } from "./hashKeyRanges";
import { shardIdOf } from "./shardIds";

/** One shard in `stream.json`: its range, its lineage, and once closed, when and at which sequence number. */
export interface ShardEntry {
  readonly shardId: string;
  readonly startingHashKey: string;
  readonly endingHashKey: string;
  readonly parentShardId?: string;
  readonly adjacentParentShardId?: string;
  /** When a reshard opened it; absent for the stream's first shards, open since the stream was created. */
  readonly openedMs?: number;
  readonly closedMs?: number;
  /** The sequence number of the shard's last record (its StartingSequenceNumber when it closed empty). */
  readonly endingSequenceNumber?: string;
}

/** A reshard as acknowledged, before it is applied. */
export type Reshard =
  | { readonly kind: "split"; readonly shardId: string; readonly newStartingHashKey: string }
  | { readonly kind: "merge"; readonly shardId: string; readonly adjacentShardId: string }
  | { readonly kind: "scale"; readonly targetShardCount: number };

/** The ending sequence number of the shard with this index, as it stands now. */
export type EndingSequenceNumberOf = (index: number) => string;

/** The shards after the reshard: parents closed at `nowMs`, children appended with the next indexes. */
export function reshardShards(shards: readonly ShardEntry[], reshard: Reshard, nowMs: number, endingOf: EndingSequenceNumberOf): ShardEntry[] {
  const next = [...shards];
  switch (reshard.kind) {
    case "split":
      split(next, indexOf(next, reshard.shardId), BigInt(reshard.newStartingHashKey), nowMs, endingOf);
      break;
    case "merge":
      merge(next, indexOf(next, reshard.shardId), indexOf(next, reshard.adjacentShardId), nowMs, endingOf);
      break;
    case "scale":
      scale(next, reshard.targetShardCount, nowMs, endingOf);
      break;
  }
  return next;
}

function indexOf(shards: readonly ShardEntry[], shardId: string): number {
  const index = shards.findIndex((shard) => shard.shardId === shardId);
  if (index < 0 || shards[index]!.endingSequenceNumber !== undefined) {
    throw new Error(`shard ${shardId} is not open`);
  }
  return index;
}

function close(shards: ShardEntry[], index: number, nowMs: number, endingOf: EndingSequenceNumberOf): void {
  shards[index] = { ...shards[index]!, closedMs: nowMs, endingSequenceNumber: endingOf(index) };
}

function open(shards: ShardEntry[], child: Omit<ShardEntry, "shardId">): number {
  shards.push({ shardId: shardIdOf(shards.length), ...child });
  return shards.length - 1;
}

/**
 * Two children: [start, NewStartingHashKey - 1] and [NewStartingHashKey, end], each with the parent as
 * ParentShardId (https://docs.aws.amazon.com/kinesis/latest/APIReference/API_SplitShard.html). Returns their indexes.
 */
function split(shards: ShardEntry[], index: number, newStart: bigint, nowMs: number, endingOf: EndingSequenceNumberOf): [number, number] {
  const parent = shards[index]!;
  close(shards, index, nowMs, endingOf);
  const lineage = { parentShardId: parent.shardId, openedMs: nowMs };
  return [
    open(shards, { startingHashKey: parent.startingHashKey, endingHashKey: (newStart - 1n).toString(), ...lineage }),
    open(shards, { startingHashKey: newStart.toString(), endingHashKey: parent.endingHashKey, ...lineage }),
  ];
}

/**
 * One child covering both ranges, ParentShardId the ShardToMerge and AdjacentParentShardId the other
 * (https://docs.aws.amazon.com/kinesis/latest/APIReference/API_MergeShards.html). Returns its index.
 */
function merge(shards: ShardEntry[], index: number, adjacentIndex: number, nowMs: number, endingOf: EndingSequenceNumberOf): number {
  const parent = shards[index]!;
  const adjacent = shards[adjacentIndex]!;
  close(shards, index, nowMs, endingOf);
  close(shards, adjacentIndex, nowMs, endingOf);
  const lower = BigInt(parent.startingHashKey) < BigInt(adjacent.startingHashKey) ? parent : adjacent;
  const upper = lower === parent ? adjacent : parent;
  return open(shards, {
    startingHashKey: lower.startingHashKey,
    endingHashKey: upper.endingHashKey,
    parentShardId: parent.shardId,
    adjacentParentShardId: adjacent.shardId,
    openedMs: nowMs,
  });
}

/**
 * UNIFORM_SCALING: "Kinesis Data Streams performs splits or merges on individual shards. This can cause
 * short-lived shards to be created, in addition to the final shards"
 * (https://docs.aws.amazon.com/kinesis/latest/APIReference/API_UpdateShardCount.html). First every open shard
 * is split at each boundary of the target's equal ranges that falls inside it, then the pieces of each target
 * range are merged left to right. Doubling is one split per shard, halving one merge per pair.
 */
function scale(shards: ShardEntry[], targetShardCount: number, nowMs: number, endingOf: EndingSequenceNumberOf): void {
  const targets = splitHashKeySpace(targetShardCount);
  for (const target of targets.slice(1)) {
    const containing = openIndexes(shards).find((index) => BigInt(shards[index]!.startingHashKey) < target.start && target.start <= BigInt(shards[index]!.endingHashKey));
    if (containing !== undefined) {
      split(shards, containing, target.start, nowMs, endingOf);
    }
  }
  for (const target of targets) {
    let pieces = openIndexes(shards).filter((index) => BigInt(shards[index]!.startingHashKey) >= target.start && BigInt(shards[index]!.endingHashKey) <= target.end);
    while (pieces.length > 1) {
      const merged = merge(shards, pieces[0]!, pieces[1]!, nowMs, endingOf);
      pieces = [merged, ...pieces.slice(2)];
    }
  }
}

/** Open shards in hash-key order. */
function openIndexes(shards: readonly ShardEntry[]): number[] {
  return shards
    .map((shard, index) => ({ shard, index }))
    .filter(({ shard }) => shard.endingSequenceNumber === undefined)
    .sort((a, b) => (BigInt(a.shard.startingHashKey) < BigInt(b.shard.startingHashKey) ? -1 : 1))
    .map(({ index }) => index);
}
