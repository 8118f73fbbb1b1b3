import type { StreamMode, StreamStatus } from "@aws-sdk/client-kinesis";
import { join } from "node:path";
import { rangeIndexOf, type HashKeyRange } from "./hashKeyRanges";
import { formatSequenceNumber, parseSequenceNumber, sequencePrefix } from "./sequenceNumbers";
import { ShardLog, type AppendEntry, type ShardLogOptions } from "./ShardLog";
import { ShardThrottle } from "./ShardThrottle";
import { throughputExceededMessage } from "./kinesisErrors";
import { storageUnavailable } from "../../server/AwsError";
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
  readonly shards: readonly { readonly shardId: string; readonly startingHashKey: string; readonly endingHashKey: string }[];
}

export const STREAM_FILE = "stream.json";

export interface StreamOptions extends ShardLogOptions {
  readonly enforceShardLimits: boolean;
}

/** `shardId-000000000000`, as AWS names shards. */
export function shardIdOf(index: number): string {
  return `shardId-${String(index).padStart(12, "0")}`;
}

/**
 * The index a shard ID names. AWS reads any `<prefix>-<digits>` or bare digits, leading zeros and all, as long as the
 * number fits a Java int (kinesalite test/getShardIterator.js: `a-00002147483647`, `-00002147483647` and
 * `<random name>-0` name shards; `2147483648`, `ABKLFD8` and `2.14E4` do not).
 */
export function shardIndexOf(shardId: string): number | undefined {
  const digits = /^(?:.*-)?(\d+)$/s.exec(shardId)?.[1];
  if (digits === undefined) {
    return undefined;
  }
  const index = Number(digits);
  return index <= 2 ** 31 - 1 ? index : undefined;
}

export class Shard {
  readonly id: string;
  readonly startingSequenceNumber: string;
  private readonly prefix: string;

  constructor(
    readonly index: number,
    readonly hashKeyRange: HashKeyRange,
    readonly log: ShardLog,
    readonly throttle: ShardThrottle | undefined,
    streamEpochMs: number,
  ) {
    this.id = shardIdOf(index);
    this.prefix = sequencePrefix(streamEpochMs, index);
    this.startingSequenceNumber = formatSequenceNumber(this.prefix, 0);
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
  readonly shards: readonly Shard[];
  private readonly shardStarts: readonly bigint[];
  private file: StreamFile;

  private constructor(
    readonly directory: string,
    file: StreamFile,
    private readonly options: StreamOptions,
  ) {
    this.file = file;
    this.shards = file.shards.map((shard, index) => {
      const log = ShardLog.open(join(directory, `${shard.shardId}.log`), options);
      const range = { start: BigInt(shard.startingHashKey), end: BigInt(shard.endingHashKey) };
      return new Shard(index, range, log, options.enforceShardLimits ? new ShardThrottle() : undefined, file.createdMs);
    });
    this.shardStarts = this.shards.map((shard) => shard.hashKeyRange.start);
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

  /** Computed from the clock, so no timer is needed: CREATING until activeAtMs, DELETING until deleteAtMs. */
  status(nowMs: number): StreamStatus | "GONE" {
    if (this.file.deleteAtMs !== undefined) {
      return nowMs >= this.file.deleteAtMs ? "GONE" : "DELETING";
    }
    return nowMs >= this.file.activeAtMs ? "ACTIVE" : "CREATING";
  }

  /** The status as the API shows it: a stream past its deletion is DELETING until the store drops it. */
  visibleStatus(nowMs: number): StreamStatus {
    const status = this.status(nowMs);
    return status === "GONE" ? "DELETING" : status;
  }

  isWritable(nowMs: number): boolean {
    return this.status(nowMs) === "ACTIVE";
  }

  update(change: Partial<Pick<StreamFile, "retentionHours" | "tags" | "deleteAtMs">>): void {
    const next = { ...this.file, ...change };
    writeFileAtomic(join(this.directory, STREAM_FILE), JSON.stringify(next, null, 2), this.options.fsync);
    this.file = next;
  }

  shardFor(hashKey: bigint): Shard {
    return this.shards[rangeIndexOf(this.shardStarts, hashKey)]!;
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
}
