import type { SubscribeToShardEvent } from "@aws-sdk/client-kinesis";
import { Readable } from "node:stream";
import { setTimeout as sleep } from "node:timers/promises";
import { AwsError } from "../../protocol/AwsError";
import { wireJson } from "../../protocol/awsJson/jsonResponse";
import { childShardsOf } from "./describeShard";
import { eventMessage, exceptionMessage } from "./eventStreamMessages";
import { consumerNotFound, streamNotFound } from "./kinesisErrors";
import type { Shard, Stream } from "./Stream";
import { consumerStatus, type FoundConsumer } from "./StreamConsumers";
import type { StreamStore } from "./StreamStore";

/** "Your consumer starts receiving events … for up to 5 minutes" (https://docs.aws.amazon.com/kinesis/latest/APIReference/API_SubscribeToShard.html). */
export const DEFAULT_SUBSCRIPTION_LIFETIME_MS = 300_000;
/**
 * "If you call SubscribeToShard again with the same ConsumerARN and ShardId within 5 seconds of a successful call,
 * you'll get a ResourceInUseException. If you call SubscribeToShard 5 seconds or more after a successful call, the
 * second call takes over the subscription and the previous connection expires or fails with a ResourceInUseException."
 */
const TAKEOVER_AFTER_MS = 5_000;
/** AWS's wording, as clients report it (daangn/kinesumer#16, #19: "ResourceInUseException: Another active subscription exists for this consumer"). */
const ANOTHER_SUBSCRIPTION = "Another active subscription exists for this consumer";
/** With no record to push, an event at least this often (LocalStack's provider: "On AWS there is *at least* 1 event every 5 seconds"). */
const HEARTBEAT_MS = 5_000;
/** How often a waiting subscription looks again without an append: a reshard closing its shard, a deleted stream or consumer. */
const POLL_MS = 1_000;
/** One event's records, at most: GetRecords' record limit, and the 2 MiB a second a consumer gets of each shard. */
const MAX_EVENT_RECORDS = 10_000;
const MAX_EVENT_BYTES = 2 * 1024 * 1024;

export interface ShardSubscriptionsOptions {
  /** How long a subscription pushes events before its stream ends (AWS: 5 minutes). */
  readonly lifetimeMs: number;
}

/** Where a subscription reads, and what it must still find there to go on. */
interface Subscription {
  readonly key: string;
  readonly consumer: FoundConsumer;
  readonly streamEpochMs: number;
  readonly shardIndex: number;
  readonly startedMs: number;
  readonly abort: AbortController;
  takenOver: boolean;
}

/**
 * SubscribeToShard's subscriptions: at most one per consumer and shard, each an event stream (eventStreamMessages.ts)
 * that starts with `initial-response`, pushes a SubscribeToShardEvent as soon as records are appended (one at once
 * on subscribing, and one every 5 seconds without records), and ends after the lifetime, or at the end of a closed
 * shard with an event that names its children (ChildShards, and no ContinuationSequenceNumber: the Kinesis Client
 * Library reads shard end as `continuationSequenceNumber() == null`, amazon-kinesis-client FanOutRecordsPublisher.java).
 */
export class ShardSubscriptions {
  private readonly active = new Map<string, Subscription>();

  constructor(
    private readonly store: StreamStore,
    private readonly options: ShardSubscriptionsOptions,
  ) {}

  /** Claims the consumer's shard (the 5-second rule) and returns the answer's body, reading from `position` on. */
  open(consumer: FoundConsumer, shard: Shard, position: number): Readable {
    const key = `${consumer.arn} ${shard.id}`;
    const now = this.store.now();
    const previous = this.active.get(key);
    if (previous !== undefined) {
      if (now - previous.startedMs < TAKEOVER_AFTER_MS) {
        throw new AwsError("ResourceInUseException", ANOTHER_SUBSCRIPTION);
      }
      previous.takenOver = true;
      previous.abort.abort();
    }
    const subscription: Subscription = { key, consumer, streamEpochMs: consumer.stream.createdMs, shardIndex: shard.index, startedMs: now, abort: new AbortController(), takenOver: false };
    this.active.set(key, subscription);
    return new EventStreamBody(this.events(subscription, position), () => {
      subscription.abort.abort();
      this.release(subscription);
    });
  }

  /** Ends every subscription (the emulator is closing). */
  close(): void {
    for (const subscription of this.active.values()) {
      subscription.abort.abort();
    }
  }

  private async *events(subscription: Subscription, from: number): AsyncGenerator<Uint8Array> {
    const { signal } = subscription.abort;
    const streamName = subscription.consumer.stream.name;
    let appended = false;
    let wake: AbortController | undefined;
    const unsubscribe = this.store.onAppend((name) => {
      if (name === streamName) {
        appended = true;
        wake?.abort();
      }
    });
    let expired = false;
    const lifetime = setTimeout(() => {
      expired = true;
      wake?.abort();
    }, this.options.lifetimeMs);
    try {
      yield eventMessage("initial-response", "{}");
      let position = from;
      let lastEventMs = -Infinity;
      while (!expired) {
        if (subscription.takenOver) {
          yield exceptionMessage("ResourceInUseException", ANOTHER_SUBSCRIPTION);
          return;
        }
        if (signal.aborted) {
          return;
        }
        const now = this.store.now();
        const found = this.locate(subscription, now);
        if (found instanceof AwsError) {
          yield exceptionMessage(found.code, found.message);
          return;
        }
        const { stream, shard } = found;
        appended = false;
        const result = await shard.log.read(position, MAX_EVENT_RECORDS, MAX_EVENT_BYTES, stream.retentionStartMs(now));
        if (result.records.length === 0 && shard.isEndOf(result.nextOrdinal)) {
          yield eventMessage("SubscribeToShardEvent", wireJson({ Records: [], MillisBehindLatest: 0, ChildShards: childShardsOf(stream, shard) } satisfies Partial<SubscribeToShardEvent>));
          return;
        }
        if (result.records.length > 0 || performance.now() - lastEventMs >= HEARTBEAT_MS) {
          position = result.nextOrdinal;
          const event: SubscribeToShardEvent = {
            Records: result.records.map((record) => ({
              SequenceNumber: shard.sequenceNumber(record.ordinal),
              ApproximateArrivalTimestamp: new Date(record.arrivalMs),
              Data: record.data,
              PartitionKey: record.partitionKey,
            })),
            // The last record sent, or where the reader stands when none was: AFTER_SEQUENCE_NUMBER resumes right after it.
            ContinuationSequenceNumber: shard.sequenceNumber(position - 1),
            MillisBehindLatest: result.nextArrivalMs === undefined ? 0 : Math.max(0, now - result.nextArrivalMs),
          };
          yield eventMessage("SubscribeToShardEvent", wireJson(event));
          lastEventMs = performance.now();
          if (result.nextArrivalMs !== undefined) {
            continue;
          }
        }
        if (!appended && !expired && !signal.aborted && !subscription.takenOver) {
          wake = new AbortController();
          const stop = (): void => wake?.abort();
          signal.addEventListener("abort", stop, { once: true });
          await sleep(Math.max(1, Math.min(POLL_MS, HEARTBEAT_MS - (performance.now() - lastEventMs))), undefined, { signal: wake.signal }).catch(() => undefined);
          signal.removeEventListener("abort", stop);
          wake = undefined;
        }
      }
    } finally {
      clearTimeout(lifetime);
      unsubscribe();
      this.release(subscription);
    }
  }

  private release(subscription: Subscription): void {
    if (this.active.get(subscription.key) === subscription) {
      this.active.delete(subscription.key);
    }
  }

  /** The stream and shard the subscription reads, while its stream and its consumer are still there. */
  private locate(subscription: Subscription, nowMs: number): { readonly stream: Stream; readonly shard: Shard } | AwsError {
    const { consumer } = subscription;
    const stream = this.store.find(consumer.stream.name);
    if (stream === undefined || stream.createdMs !== subscription.streamEpochMs || !stream.isWritable(nowMs)) {
      return streamNotFound(consumer.stream.name, this.store.accountId);
    }
    const entry = stream.consumers.find((candidate) => candidate.name === consumer.entry.name && candidate.createdMs === consumer.entry.createdMs);
    if (entry === undefined || consumerStatus(entry, nowMs) !== "ACTIVE") {
      return consumerNotFound(consumer.arn, this.store.accountId);
    }
    return { stream, shard: stream.shards[subscription.shardIndex]! };
  }
}

/**
 * The answer's body: the events, read as the client takes them. Not `Readable.from`: its destroy waits for the
 * generator's `return()`, which waits for the generator's pending wait (up to a heartbeat), so a client that went
 * away would keep its subscription, and its claim on the shard, for seconds. Here destroying aborts the wait first.
 */
class EventStreamBody extends Readable {
  private pulling = false;

  constructor(
    private readonly events: AsyncGenerator<Uint8Array>,
    private readonly onDestroy: () => void,
  ) {
    super();
  }

  override _read(): void {
    if (!this.pulling) {
      this.pulling = true;
      void this.pull();
    }
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.onDestroy();
    // Runs the events' `finally` at once when they wait at a yield; otherwise once the abort ends their wait.
    void this.events.return(undefined).catch(() => undefined);
    callback(error);
  }

  private async pull(): Promise<void> {
    try {
      for (;;) {
        const next = await this.events.next();
        if (this.destroyed) {
          return;
        }
        if (next.done === true) {
          this.push(null);
          return;
        }
        if (!this.push(next.value)) {
          return;
        }
      }
    } catch (error) {
      this.destroy(error as Error);
    } finally {
      this.pulling = false;
    }
  }
}
