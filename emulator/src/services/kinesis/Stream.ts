import type { StreamMode, StreamStatus } from "@aws-sdk/client-kinesis";
import { readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { rangeIndexOf, type HashKeyRange } from "./hashKeyRanges";
import { reshardShards, type Reshard, type ShardEntry } from "./reshardShards";
import { formatSequenceNumber, parseSequenceNumber, sequencePrefix } from "./sequenceNumbers";
import { ShardLog, type AppendEntry, type ShardLogOptions } from "./ShardLog";
import { shardIdOf, shardIndexOf } from "./shardIds";
import { ShardThrottle } from "./ShardThrottle";
import { throughputExceededMessage } from "./kinesisErrors";
import { storageUnavailable } from "../../protocol/AwsError";
import { readStateJsonSync } from "../../storage/readStateFile";
import { writeFileAtomicSync as writeFileAtomic } from "../../storage/writeFileAtomic";

/** `stream.json`, the stream's metadata, rewritten whole (atomically) on every change. */
export interface StreamFile {
  readonly name: string;
  /** Creation time, unique in the store: it also tells this stream from an older one of the same name. */
  readonly createdMs: number;
  readonly activeAtMs: number;
  readonly deleteAtMs?: number;
  readonly mode: StreamMode;
  readonly retentionHours: number;
  readonly tags: Readonly<Record<string, string>>;
  /** PutResourcePolicy's document, kept byte for byte (never evaluated); absent when none is attached. */
  readonly resourcePolicy?: string;
  /** Enhanced fan-out consumers (RegisterStreamConsumer), in registration order; absent when none was registered. */
  readonly consumers?: readonly ConsumerEntry[];
  /** Every shard ever opened, open and closed, in index order. */
  readonly shards: readonly ShardEntry[];
  /** UPDATING until then (a reshard was asked for). */
  readonly updateEndsMs?: number;
  /** The reshard asked for and acknowledged, applied when UPDATING ends. */
  readonly pendingReshard?: Reshard;
  /** When UpdateShardCount was called, within the last 24 hours (its limit counts them). */
  readonly shardCountUpdatesMs?: readonly number[];
}

/** A registered consumer: CREATING until `activeAtMs`, DELETING from its deregistration until `deleteAtMs`, then gone. */
export interface ConsumerEntry {
  readonly name: string;
  readonly createdMs: number;
  readonly activeAtMs: number;
  readonly deleteAtMs?: number;
  readonly tags?: Readonly<Record<string, string>>;
  /** PutResourcePolicy on the consumer's ARN, byte for byte. */
  readonly resourcePolicy?: string;
}

export const STREAM_FILE = "stream.json";

export interface StreamOptions extends ShardLogOptions {
  readonly enforceShardLimits: boolean;
}

export { shardIdOf, shardIndexOf } from "./shardIds";

export class Shard {
  readonly id: string;
  readonly startingSequenceNumber: string;
  readonly hashKeyRange: HashKeyRange;
  readonly parentShardId: string | undefined;
  readonly adjacentParentShardId: string | undefined;
  readonly openedMs: number;
  readonly closedMs: number | undefined;
  readonly endingSequenceNumber: string | undefined;
  /** A closed shard's last ordinal: it never holds more records. */
  readonly endingOrdinal: number | undefined;
  private readonly prefix: string;

  constructor(
    readonly index: number,
    entry: ShardEntry,
    readonly log: ShardLog,
    readonly throttle: ShardThrottle | undefined,
    streamEpochMs: number,
  ) {
    this.id = shardIdOf(index);
    this.prefix = sequencePrefix(streamEpochMs, index);
    this.startingSequenceNumber = formatSequenceNumber(this.prefix, 0);
    this.hashKeyRange = { start: BigInt(entry.startingHashKey), end: BigInt(entry.endingHashKey) };
    this.parentShardId = entry.parentShardId;
    this.adjacentParentShardId = entry.adjacentParentShardId;
    this.openedMs = entry.openedMs ?? streamEpochMs;
    this.closedMs = entry.closedMs;
    this.endingSequenceNumber = entry.endingSequenceNumber;
    this.endingOrdinal = entry.endingSequenceNumber === undefined ? undefined : parseSequenceNumber(entry.endingSequenceNumber)?.ordinal;
  }

  get isOpen(): boolean {
    return this.endingSequenceNumber === undefined;
  }

  /** Closed and read to its end: GetRecords answers ChildShards and no NextShardIterator from here. */
  isEndOf(ordinal: number): boolean {
    return this.endingOrdinal !== undefined && ordinal > this.endingOrdinal;
  }

  get parentShardIds(): string[] {
    return [this.parentShardId, this.adjacentParentShardId].filter((id): id is string => id !== undefined);
  }

  sequenceNumber(ordinal: number): string {
    return formatSequenceNumber(this.prefix, ordinal);
  }
}

export interface PutEntry extends AppendEntry {
  readonly hashKey: bigint;
  /** Data and partition key bytes, as the limits count them. */
  readonly size: number;
}

export type PutOutcome =
  | { readonly shard: Shard; readonly sequenceNumber: string; readonly errorCode?: undefined }
  | { readonly shard: Shard; readonly errorCode: string; readonly errorMessage: string; readonly cause?: unknown };

/** Where a sequence number points in this stream, or why it does not. */
export type SequenceLookup =
  | { readonly kind: "found"; readonly shard: Shard; readonly ordinal: number }
  | { readonly kind: "invalid" }
  | { readonly kind: "otherStream" }
  | { readonly kind: "otherShard"; readonly shardId: string };

/** One stream: its metadata file and one ShardLog per shard, in `<directory>`. */
export class Stream {
  private allShards: readonly Shard[] = [];
  /** The open shards in hash-key order: only they take records. */
  private openShards: readonly Shard[] = [];
  private openStarts: readonly bigint[] = [];
  private file: StreamFile;

  private constructor(
    readonly directory: string,
    file: StreamFile,
    private readonly options: StreamOptions,
  ) {
    this.file = file;
    this.adopt(file.shards, []);
  }

  /** Writes the metadata (the commit point of CreateStream), then opens the shards. */
  static create(directory: string, file: StreamFile, options: StreamOptions): Stream {
    writeFileAtomic(join(directory, STREAM_FILE), JSON.stringify(file, null, 2), options.fsync);
    return new Stream(directory, file, options);
  }

  static load(directory: string, options: StreamOptions): Stream {
    const path = join(directory, STREAM_FILE);
    const file = readStateJsonSync<StreamFile>(path);
    if (file === undefined) {
      throw new Error(`${path} is missing`);
    }
    // Logs of children whose reshard never reached its commit point (stream.json): nothing was acknowledged into them.
    const committed = new Set(file.shards.map((shard) => `${shard.shardId}.log`));
    for (const name of readdirSync(directory)) {
      if (name.startsWith("shardId-") && name.endsWith(".log") && !committed.has(name)) {
        options.log(`kinesis: removing ${join(directory, name)}, a shard of a reshard that was never committed`);
        rmSync(join(directory, name), { force: true });
      }
    }
    return new Stream(directory, file, options);
  }

  get name(): string {
    return this.file.name;
  }

  get createdMs(): number {
    return this.file.createdMs;
  }

  get mode(): StreamMode {
    return this.file.mode;
  }

  get retentionHours(): number {
    return this.file.retentionHours;
  }

  get tags(): Readonly<Record<string, string>> {
    return this.file.tags;
  }

  get resourcePolicy(): string | undefined {
    return this.file.resourcePolicy;
  }

  get consumers(): readonly ConsumerEntry[] {
    return this.file.consumers ?? [];
  }

  /** Every shard, open and closed, by index. */
  get shards(): readonly Shard[] {
    return this.allShards;
  }

  get shardCountUpdatesMs(): readonly number[] {
    return this.file.shardCountUpdatesMs ?? [];
  }

  /** Computed from the clock, so no timer is needed: CREATING until activeAtMs, UPDATING until updateEndsMs, DELETING until deleteAtMs. */
  status(nowMs: number): StreamStatus | "GONE" {
    if (this.file.deleteAtMs !== undefined) {
      return nowMs >= this.file.deleteAtMs ? "GONE" : "DELETING";
    }
    if (nowMs < this.file.activeAtMs) {
      return "CREATING";
    }
    return this.file.updateEndsMs !== undefined && nowMs < this.file.updateEndsMs ? "UPDATING" : "ACTIVE";
  }

  /** The status as the API shows it: a stream past its deletion is DELETING until the store drops it. */
  visibleStatus(nowMs: number): StreamStatus {
    const status = this.status(nowMs);
    return status === "GONE" ? "DELETING" : status;
  }

  /**
   * Records go in and out while ACTIVE and while UPDATING: "You can continue to read and write data to your
   * stream while its status is UPDATING" (https://docs.aws.amazon.com/kinesis/latest/APIReference/API_SplitShard.html).
   */
  isWritable(nowMs: number): boolean {
    const status = this.status(nowMs);
    return status === "ACTIVE" || status === "UPDATING";
  }

  openShardCount(): number {
    return this.openShards.length;
  }

  /** The open shards, in hash-key order. */
  get open(): readonly Shard[] {
    return this.openShards;
  }

  /** Changes members of stream.json, on disk before this returns; a member set to undefined is left out of the file. */
  update(change: Partial<Pick<StreamFile, "retentionHours" | "tags" | "deleteAtMs" | "resourcePolicy" | "consumers">>): void {
    this.write({ ...this.file, ...change });
  }

  /**
   * Records a reshard (the commit point of SplitShard, MergeShards and UpdateShardCount): the stream is UPDATING
   * until `updateEndsMs`, the parents stay open meanwhile (as AWS's do, and as kinesalite's splitShard and
   * mergeShards tests, run against AWS, expect), and `settle` applies it once UPDATING ends.
   */
  beginReshard(reshard: Reshard, updateEndsMs: number, shardCountUpdatesMs?: readonly number[]): void {
    this.write({ ...this.file, pendingReshard: reshard, updateEndsMs, ...(shardCountUpdatesMs === undefined ? {} : { shardCountUpdatesMs }) });
  }

  /**
   * Applies a pending reshard whose UPDATING time is over: opens the children's logs, then rewrites stream.json
   * with the parents closed at their current last record (the commit point: a crash before it leaves the reshard
   * pending and the children's logs orphans, removed at load). Synchronous, so no record lands in a parent after
   * its ending sequence number is taken.
   */
  settle(nowMs: number): void {
    const reshard = this.file.pendingReshard;
    if (reshard === undefined || this.file.deleteAtMs !== undefined || nowMs < (this.file.updateEndsMs ?? 0)) {
      return;
    }
    const closedMs = Math.max(nowMs, this.file.updateEndsMs ?? 0);
    const entries = reshardShards(this.file.shards, reshard, closedMs, (index) =>
      formatSequenceNumber(sequencePrefix(this.file.createdMs, index), this.shards[index]?.log.count ?? 0),
    );
    const opened: ShardLog[] = [];
    try {
      for (const entry of entries.slice(this.shards.length)) {
        opened.push(ShardLog.open(join(this.directory, `${entry.shardId}.log`), this.options));
      }
      const { pendingReshard: _applied, ...rest } = this.file;
      this.write({ ...rest, shards: entries });
    } catch (error) {
      this.options.log(`kinesis: could not reshard ${this.name}, will retry: ${String(error)}`);
      for (const log of opened) {
        void log.close().then(() => rmSync(log.path, { force: true }));
      }
      return;
    }
    this.adopt(entries, opened);
  }

  shardFor(hashKey: bigint): Shard {
    return this.openShards[rangeIndexOf(this.openStarts, hashKey)]!;
  }

  shardById(shardId: string): Shard | undefined {
    const index = shardIndexOf(shardId);
    return index === undefined ? undefined : this.shards[index];
  }

  locate(sequenceNumber: string, shard: Shard): SequenceLookup {
    const position = parseSequenceNumber(sequenceNumber);
    if (position === undefined) {
      return { kind: "invalid" };
    }
    if (position.streamEpochMs !== this.file.createdMs) {
      return { kind: "otherStream" };
    }
    if (position.shardIndex !== shard.index) {
      return { kind: "otherShard", shardId: shardIdOf(position.shardIndex) };
    }
    if (position.ordinal > shard.log.count) {
      // Not issued yet: AWS only accepts sequence numbers it gave out.
      return { kind: "invalid" };
    }
    return { kind: "found", shard, ordinal: position.ordinal };
  }

  /**
   * Shards still listed: the open ones and those closed within the retention period (their records may still
   * be read). Older closed shards stay on disk, readable by id, but are no longer listed.
   */
  listedShards(nowMs: number): Shard[] {
    const retentionStart = this.retentionStartMs(nowMs);
    return this.shards.filter((shard) => shard.closedMs === undefined || shard.closedMs >= retentionStart);
  }

  /** The oldest arrival retention still shows. */
  retentionStartMs(nowMs: number): number {
    return nowMs - this.file.retentionHours * 3_600_000;
  }

  /**
   * Appends the entries, in order, one write per shard touched; with shard limits on, entries over their
   * shard's budget fail alone, as AWS fails them. When this returns, every accepted record is with the OS;
   * `durable` then waits for stable storage where the fsync option asks for it.
   */
  put(entries: readonly PutEntry[], nowMs: number, accountId: string): PutOutcome[] {
    const outcomes = new Array<PutOutcome>(entries.length);
    const byShard = new Map<Shard, number[]>();
    entries.forEach((entry, index) => {
      const shard = this.shardFor(entry.hashKey);
      if (shard.throttle !== undefined && !shard.throttle.admit(nowMs, entry.size)) {
        outcomes[index] = {
          shard,
          errorCode: "ProvisionedThroughputExceededException",
          errorMessage: throughputExceededMessage(shard.id, this.name, accountId),
        };
        return;
      }
      const indexes = byShard.get(shard);
      if (indexes === undefined) {
        byShard.set(shard, [index]);
      } else {
        indexes.push(index);
      }
    });
    for (const [shard, indexes] of byShard) {
      try {
        const first = shard.log.append(
          indexes.map((index) => entries[index]!),
          nowMs,
        );
        indexes.forEach((entryIndex, offset) => {
          outcomes[entryIndex] = { shard, sequenceNumber: shard.sequenceNumber(first + offset) };
        });
      } catch (error) {
        this.options.log(`kinesis: append to ${shard.log.path} failed: ${String(error)}`);
        for (const index of indexes) {
          outcomes[index] = { shard, errorCode: "InternalFailure", errorMessage: storageUnavailable(error)?.message ?? "Internal service failure.", cause: error };
        }
      }
    }
    return outcomes;
  }

  async close(): Promise<void> {
    await Promise.all(this.shards.map((shard) => shard.log.close()));
  }

  private write(next: StreamFile): void {
    writeFileAtomic(join(this.directory, STREAM_FILE), JSON.stringify(next, null, 2), this.options.fsync);
    this.file = next;
  }

  /** Builds the shards from their entries, keeping the logs (and throttles) of the shards already open here. */
  private adopt(entries: readonly ShardEntry[], newLogs: readonly ShardLog[]): void {
    const known = this.allShards;
    this.allShards = entries.map((entry, index) => {
      const existing = known[index];
      const log = existing?.log ?? newLogs[index - known.length] ?? ShardLog.open(join(this.directory, `${entry.shardId}.log`), this.options);
      const throttle = existing?.throttle ?? (this.options.enforceShardLimits ? new ShardThrottle() : undefined);
      return new Shard(index, entry, log, throttle, this.file.createdMs);
    });
    this.openShards = this.allShards.filter((shard) => shard.isOpen).sort((a, b) => (a.hashKeyRange.start < b.hashKeyRange.start ? -1 : 1));
    this.openStarts = this.openShards.map((shard) => shard.hashKeyRange.start);
  }
}
