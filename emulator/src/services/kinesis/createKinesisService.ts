import type { JsonService } from "../../server/JsonService";
import type { EmulatorService, ServiceEnvironment } from "../EmulatorService";
import { kinesisApiOperations, kinesisOperations } from "./kinesisOperations";
import type { KinesisStreams } from "./KinesisStreams";
import { DEFAULT_SUBSCRIPTION_LIFETIME_MS, ShardSubscriptions } from "./ShardSubscriptions";
import { StreamConsumers } from "./StreamConsumers";
import { StreamStore } from "./StreamStore";

export interface KinesisOptions {
  /** How long a new stream stays CREATING (and a deleted one DELETING); 0: ACTIVE by the first DescribeStream. */
  readonly createStreamDelayMs: number;
  /** Answer writes over AWS's per-shard limits (1 MiB/s, 1,000 records/s) with ProvisionedThroughputExceededException. */
  readonly enforceShardLimits: boolean;
  /**
   * fdatasync each shard log before acknowledging (one sync for all the requests waiting on it). Without it
   * an acknowledged record is with the operating system: it survives the emulator's crash, not a power loss.
   */
  readonly fsync?: boolean;
  /** How long a SubscribeToShard subscription pushes events before its stream ends (default AWS's 5 minutes). */
  readonly subscriptionLifetimeMs?: number;
}

/**
 * The largest request body: a PutRecords of 5 MiB is about 6.7 MiB in base64, plus 500 partition keys
 * (up to 6 bytes per character once JSON-escaped) and the JSON around them.
 */
const MAX_BODY_BYTES = 8 * 1024 * 1024;

/** Kinesis Data Streams on JSON 1.1 (`X-Amz-Target: Kinesis_20131202.<Operation>`), state under the environment's directory. */
export async function createKinesisService(
  environment: ServiceEnvironment,
  options: KinesisOptions,
): Promise<EmulatorService & { readonly streams: KinesisStreams }> {
  const store = await StreamStore.open(environment, {
    createStreamDelayMs: options.createStreamDelayMs,
    enforceShardLimits: options.enforceShardLimits,
    fsync: options.fsync ?? false,
  });
  const consumers = new StreamConsumers(store, options.createStreamDelayMs);
  const subscriptions = new ShardSubscriptions(store, { lifetimeMs: options.subscriptionLifetimeMs ?? DEFAULT_SUBSCRIPTION_LIFETIME_MS });
  const json: JsonService = {
    name: "Kinesis",
    targetPrefix: "Kinesis_20131202",
    errorNamespace: "http://internal.amazon.com/coral/com.amazonaws.kinesis/",
    apiOperations: kinesisApiOperations,
    operations: kinesisOperations(store, consumers, subscriptions),
    maxBodyBytes: MAX_BODY_BYTES,
    wording: "coral",
  };
  return {
    json,
    streams: store,
    close: () => {
      subscriptions.close();
      return store.close();
    },
  };
}
