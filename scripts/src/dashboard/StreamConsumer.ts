import { GetRecordsCommand, GetShardIteratorCommand, ListShardsCommand, type KinesisClient, type ListShardsCommandOutput, type ShardIteratorType } from "@aws-sdk/client-kinesis";
import { abortableSleep } from "@gpu-stream/shared";
import type { ConsumerStats, TelemetryPoint } from "./page/dashboardWire";
import { RateMeter } from "./RateMeter";
import { recordToPoint } from "./recordToPoint";
import { isSignatureRefusal } from "./signatureRefusal";

export interface StreamConsumerOptions {
  readonly kinesis: KinesisClient;
  readonly streamName: string;
  /** Pause between two reads of every shard. AWS allows 5 GetRecords per second per shard, shared by all readers. */
  readonly pollMs: number;
  /** Called after every round of reads, with what it read (possibly nothing). */
  readonly onRead: (points: readonly TelemetryPoint[], stats: ConsumerStats) => void;
  /** GetRecords calls per shard and round while the reader is behind (1 on AWS, where Firehose reads too). */
  readonly readsPerRound?: number;
  readonly now?: () => number;
}

interface ShardReader {
  iterator?: string;
  lastSequence?: string;
  /** Where a new iterator starts when there is no last sequence number. */
  readonly start: ShardIteratorType;
  /** Read only once none of these is still being read, so each partition key's records stay in order. */
  readonly parents: readonly string[];
}

/** Shards are listed again this often, to find a stream created, deleted or resharded meanwhile. */
const RELIST_MS = 5000;
const RECORDS_PER_READ = 1000;
/** Records per second are averaged over this long: short enough to follow a run of a few seconds. */
const RATE_WINDOW_MS = 3000;

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : "";
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Reads the data stream as any consumer does: ListShards, GetShardIterator (LATEST, so only what is put from
 * now on), then GetRecords on each shard every `pollMs`, following NextShardIterator. A stream that does not
 * exist yet is waited for, and read from its start (TRIM_HORIZON) once it appears, so a run's first records
 * are not missed; a stream deleted and created again is read from its start too.
 */
export class StreamConsumer {
  private readonly shards = new Map<string, ShardReader>();
  /** Closed shards read to their end (or left unread because they were closed before the first listing). */
  private readonly finished = new Set<string>();
  private readonly rate = new RateMeter(RATE_WINDOW_MS);
  private readonly stop = new AbortController();
  private readonly now: () => number;
  private listedAtMs = -Infinity;
  private listedOnce = false;
  /** Until the stream is first seen, shards start at LATEST; after it was missing, at TRIM_HORIZON. */
  private seenMissing = false;
  private status: ConsumerStats["status"] = "waiting";
  private message: string | undefined = "looking for the stream";
  private recordsRead = 0;
  private unreadable = 0;
  private millisBehindLatest: number | undefined;
  private lastReadAtMs: number | undefined;
  private running: Promise<void> | undefined;

  constructor(private readonly options: StreamConsumerOptions) {
    this.now = options.now ?? Date.now;
  }

  start(): void {
    this.running ??= this.loop();
  }

  stats(): ConsumerStats {
    return {
      status: this.status,
      ...(this.message === undefined ? {} : { message: this.message }),
      shardsRead: this.shards.size,
      recordsPerSecond: this.rate.perSecond(this.now()),
      recordsRead: this.recordsRead,
      unreadable: this.unreadable,
      ...(this.millisBehindLatest === undefined ? {} : { millisBehindLatest: this.millisBehindLatest }),
      ...(this.lastReadAtMs === undefined ? {} : { lastReadAt: new Date(this.lastReadAtMs).toISOString() }),
    };
  }

  async close(): Promise<void> {
    this.stop.abort();
    await this.running;
  }

  private async loop(): Promise<void> {
    while (!this.stop.signal.aborted) {
      const points: TelemetryPoint[] = [];
      try {
        if (this.shards.size === 0 || this.now() - this.listedAtMs >= RELIST_MS) {
          await this.listShards();
        }
        let behind = 0;
        // A child added while iterating (from a parent's ChildShards) is read in the same round.
        for (const [shardId, reader] of this.shards) {
          if (reader.parents.some((parent) => this.shards.has(parent))) {
            continue;
          }
          behind = Math.max(behind, await this.readShard(shardId, reader, points));
        }
        if (this.shards.size > 0) {
          this.status = "reading";
          this.message = undefined;
          this.millisBehindLatest = behind;
        }
      } catch (error) {
        if (this.stop.signal.aborted) {
          break;
        }
        this.lost(error);
      }
      this.options.onRead(points, this.stats());
      await abortableSleep(this.options.pollMs, this.stop.signal);
    }
  }

  /**
   * The stream is gone or not there yet: forget its shards, and read the next one from its start. Any other
   * failure (the endpoint not answering): keep each shard's position and carry on from it.
   */
  private lost(error: unknown): void {
    this.listedAtMs = -Infinity;
    this.millisBehindLatest = undefined;
    if (errorName(error) === "ResourceNotFoundException") {
      this.shards.clear();
      this.finished.clear();
      this.seenMissing = true;
      this.status = "waiting";
      this.message = `waiting for stream ${this.options.streamName}`;
      return;
    }
    for (const reader of this.shards.values()) {
      reader.iterator = undefined;
    }
    this.status = "error";
    const message = `${errorName(error) || "error"}: ${errorText(error)}`;
    // A refused signature's first line says it; the page explains it once, above the cards.
    this.message = isSignatureRefusal(error) ? message.split("\n")[0]! : message;
  }

  /**
   * Lists every shard, open and closed. The first listing reads the open ones from LATEST and never the closed
   * ones; shards that appear later (a new stream, resharding missed between two listings) are read from their
   * start, after their parents.
   */
  private async listShards(): Promise<void> {
    const found: { readonly shardId: string; readonly parents: string[]; readonly closed: boolean }[] = [];
    let token: string | undefined;
    do {
      const page: ListShardsCommandOutput = await this.options.kinesis.send(
        new ListShardsCommand(token === undefined ? { StreamName: this.options.streamName } : { NextToken: token }),
        { abortSignal: this.stop.signal },
      );
      for (const shard of page.Shards ?? []) {
        if (shard.ShardId !== undefined) {
          const parents = [shard.ParentShardId, shard.AdjacentParentShardId].filter((parent): parent is string => parent !== undefined);
          found.push({ shardId: shard.ShardId, parents, closed: shard.SequenceNumberRange?.EndingSequenceNumber !== undefined });
        }
      }
      token = page.NextToken;
    } while (token !== undefined);
    const fromStart = this.listedOnce || this.seenMissing;
    for (const { shardId, parents, closed } of found) {
      if (this.shards.has(shardId) || this.finished.has(shardId)) {
        continue;
      }
      if (!fromStart && closed) {
        this.finished.add(shardId);
      } else {
        this.shards.set(shardId, { start: fromStart ? "TRIM_HORIZON" : "LATEST", parents });
      }
    }
    this.listedAtMs = this.now();
    this.listedOnce = true;
  }

  /** Reads what is new on one shard; answers how far behind the shard's newest record the reader is (ms). */
  private async readShard(shardId: string, reader: ShardReader, points: TelemetryPoint[]): Promise<number> {
    const rounds = this.options.readsPerRound ?? 1;
    let behind = 0;
    for (let round = 0; round < rounds; round += 1) {
      if (reader.iterator === undefined) {
        const { ShardIterator } = await this.options.kinesis.send(
          new GetShardIteratorCommand(
            reader.lastSequence === undefined
              ? { StreamName: this.options.streamName, ShardId: shardId, ShardIteratorType: reader.start }
              : { StreamName: this.options.streamName, ShardId: shardId, ShardIteratorType: "AFTER_SEQUENCE_NUMBER", StartingSequenceNumber: reader.lastSequence },
          ),
          { abortSignal: this.stop.signal },
        );
        reader.iterator = ShardIterator;
      }
      let answer;
      try {
        answer = await this.options.kinesis.send(new GetRecordsCommand({ ShardIterator: reader.iterator, Limit: RECORDS_PER_READ }), { abortSignal: this.stop.signal });
      } catch (error) {
        if (errorName(error) === "ExpiredIteratorException") {
          reader.iterator = undefined;
          continue;
        }
        if (errorName(error) === "ProvisionedThroughputExceededException") {
          return behind;
        }
        throw error;
      }
      const records = answer.Records ?? [];
      for (const record of records) {
        const point = record.Data === undefined ? undefined : recordToPoint(record.Data);
        if (point === undefined) {
          this.unreadable += 1;
        } else {
          points.push(point);
        }
        reader.lastSequence = record.SequenceNumber ?? reader.lastSequence;
      }
      this.recordsRead += records.length;
      this.lastReadAtMs = this.now();
      this.rate.add(records.length, this.lastReadAtMs);
      behind = answer.MillisBehindLatest ?? 0;
      reader.iterator = answer.NextShardIterator;
      if (reader.iterator === undefined) {
        // A closed shard (after resharding) has been read to its end: its children follow, from their start.
        this.shards.delete(shardId);
        this.finished.add(shardId);
        for (const child of answer.ChildShards ?? []) {
          if (child.ShardId !== undefined && !this.shards.has(child.ShardId) && !this.finished.has(child.ShardId)) {
            this.shards.set(child.ShardId, { start: "TRIM_HORIZON", parents: child.ParentShards ?? [] });
          }
        }
        return behind;
      }
      if (records.length === 0 || behind === 0) {
        return behind;
      }
    }
    return behind;
  }
}
