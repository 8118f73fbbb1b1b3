import type { Consumer, ConsumerDescription, ConsumerStatus } from "@aws-sdk/client-kinesis";
import { consumerAlreadyExists, consumerNotActive, consumerNotFound, invalidArgument, limitExceeded } from "./kinesisErrors";
import type { ConsumerEntry, Stream } from "./Stream";
import type { StreamStore } from "./StreamStore";

/**
 * AWS's limits (https://docs.aws.amazon.com/kinesis/latest/APIReference/API_RegisterStreamConsumer.html): "You can
 * register up to 20 consumers per stream", and "you cannot have more than 5 consumers in a CREATING status at the
 * same time. Registering a 6th consumer while there are 5 in a CREATING status results in a LimitExceededException."
 */
export const MAX_CONSUMERS_PER_STREAM = 20;
export const MAX_CREATING_CONSUMERS = 5;

/**
 * `arn:aws:kinesis:<region>:<account>:stream/<stream>/consumer/<consumer>:<creation, epoch seconds>`: "consumer ARNs
 * contain the creation timestamp", so a consumer registered again under the same name has another ARN
 * (https://docs.aws.amazon.com/kinesis/latest/APIReference/API_Consumer.html; the format is the example's of
 * https://docs.aws.amazon.com/streams/latest/dev/building-enhanced-consumers-api.html).
 */
const CONSUMER_ARN = /^arn:aws[a-z-]*:kinesis:([a-z0-9-]+):(\d{12}):stream\/([a-zA-Z0-9_.-]{1,128})\/consumer\/([a-zA-Z0-9_.-]{1,128}):(\d+)$/;

/** A consumer with its stream and its ARN. */
export interface FoundConsumer {
  readonly stream: Stream;
  readonly entry: ConsumerEntry;
  readonly arn: string;
}

/** How an input names a consumer: by ARN, or by its stream's ARN and its name. */
export interface ConsumerReference {
  readonly ConsumerARN?: string | undefined;
  readonly StreamARN?: string | undefined;
  readonly ConsumerName?: string | undefined;
}

export function creationSeconds(entry: ConsumerEntry): number {
  return Math.floor(entry.createdMs / 1000);
}

/** Computed from the clock, as a stream's is: CREATING until activeAtMs, DELETING until deleteAtMs, then gone. */
export function consumerStatus(entry: ConsumerEntry, nowMs: number): ConsumerStatus | "GONE" {
  if (entry.deleteAtMs !== undefined) {
    return nowMs >= entry.deleteAtMs ? "GONE" : "DELETING";
  }
  return nowMs < entry.activeAtMs ? "CREATING" : "ACTIVE";
}

/**
 * The enhanced fan-out consumers of every stream, kept in each stream's stream.json. A consumer stays CREATING (and
 * DELETING) for the delay a stream does (`lifecycleDelayMs`, the emulator's createStreamDelayMs).
 */
export class StreamConsumers {
  constructor(
    private readonly store: StreamStore,
    private readonly lifecycleDelayMs: number,
  ) {}

  arnOf(stream: Stream, entry: ConsumerEntry): string {
    return `${this.store.streamArn(stream.name)}/consumer/${entry.name}:${creationSeconds(entry)}`;
  }

  /** The stream's consumers not yet gone, in registration order. */
  listed(stream: Stream): FoundConsumer[] {
    const now = this.store.now();
    return stream.consumers.filter((entry) => consumerStatus(entry, now) !== "GONE").map((entry) => ({ stream, entry, arn: this.arnOf(stream, entry) }));
  }

  register(stream: Stream, name: string, tags: Readonly<Record<string, string>> | undefined): FoundConsumer {
    const now = this.store.now();
    const live = stream.consumers.filter((entry) => consumerStatus(entry, now) !== "GONE");
    if (live.some((entry) => entry.name === name)) {
      throw consumerAlreadyExists(name, stream.name, this.store.accountId);
    }
    if (live.length >= MAX_CONSUMERS_PER_STREAM) {
      throw limitExceeded(`Stream ${stream.name} under account ${this.store.accountId} already has ${MAX_CONSUMERS_PER_STREAM} registered consumers, the most a stream can have.`);
    }
    if (live.filter((entry) => consumerStatus(entry, now) === "CREATING").length >= MAX_CREATING_CONSUMERS) {
      throw limitExceeded(`Stream ${stream.name} under account ${this.store.accountId} already has ${MAX_CREATING_CONSUMERS} consumers in CREATING status, the most a stream can have at once.`);
    }
    const entry: ConsumerEntry = { name, createdMs: now, activeAtMs: now + this.lifecycleDelayMs, ...(tags === undefined ? {} : { tags }) };
    stream.update({ consumers: [...live, entry] });
    return { stream, entry, arn: this.arnOf(stream, entry) };
  }

  /** The consumer an input names, in any state but gone; ResourceNotFoundException otherwise. */
  find(reference: ConsumerReference): FoundConsumer {
    const { ConsumerARN: arn, StreamARN: streamArn, ConsumerName: name } = reference;
    if (arn !== undefined) {
      return this.findByArn(arn);
    }
    if (streamArn === undefined || name === undefined) {
      throw invalidArgument("Either ConsumerARN or both ConsumerName and StreamARN must be provided.");
    }
    const stream = this.store.get(this.store.streamNameOf({ StreamARN: streamArn }));
    const found = this.listed(stream).find((consumer) => consumer.entry.name === name);
    if (found === undefined) {
      throw consumerNotFound(name, this.store.accountId);
    }
    return found;
  }

  /** Whether `arn` has the form of a consumer's ARN as this emulator forms them. */
  parses(arn: string): boolean {
    return CONSUMER_ARN.test(arn);
  }

  findByArn(arn: string): FoundConsumer {
    const match = CONSUMER_ARN.exec(arn);
    if (match === null) {
      throw invalidArgument(`ConsumerARN ${arn} is not the ARN of a Kinesis stream consumer.`);
    }
    const [, region, accountId, streamName, name, seconds] = match as unknown as [string, string, string, string, string, string];
    const stream = region === this.store.region && accountId === this.store.accountId ? this.store.find(streamName) : undefined;
    const found = stream === undefined ? undefined : this.listed(stream).find((consumer) => consumer.entry.name === name && String(creationSeconds(consumer.entry)) === seconds);
    if (found === undefined) {
      throw consumerNotFound(arn, accountId);
    }
    return found;
  }

  /** The consumer, refused unless ACTIVE (SubscribeToShard). */
  findActive(arn: string): FoundConsumer {
    const found = this.findByArn(arn);
    if (consumerStatus(found.entry, this.store.now()) !== "ACTIVE") {
      throw consumerNotActive(found.entry.name, creationSeconds(found.entry), found.stream.name, this.store.accountId);
    }
    return found;
  }

  /** Attaches (or with undefined removes) the consumer's resource policy; on disk before this returns. */
  setResourcePolicy(found: FoundConsumer, policy: string | undefined): void {
    const updated: ConsumerEntry = { ...found.entry, resourcePolicy: policy };
    found.stream.update({ consumers: found.stream.consumers.map((candidate) => (candidate === found.entry ? updated : candidate)) });
  }

  /** DELETING for the delay, then gone; on disk before this returns. A consumer still CREATING or already DELETING is refused. */
  deregister(found: FoundConsumer): void {
    const now = this.store.now();
    if (consumerStatus(found.entry, now) !== "ACTIVE") {
      throw consumerNotActive(found.entry.name, creationSeconds(found.entry), found.stream.name, this.store.accountId);
    }
    const kept = found.stream.consumers.filter((entry) => entry !== found.entry && consumerStatus(entry, now) !== "GONE");
    const leaving = this.lifecycleDelayMs === 0 ? [] : [{ ...found.entry, deleteAtMs: now + this.lifecycleDelayMs }];
    found.stream.update({ consumers: [...kept, ...leaving] });
  }

  /** The consumer as ListStreamConsumers and RegisterStreamConsumer answer it (LocalStack's AWS-validated snapshot, test_stream_consumers). */
  summary(found: FoundConsumer): Consumer {
    return {
      ConsumerName: found.entry.name,
      ConsumerARN: found.arn,
      ConsumerStatus: this.visibleStatus(found.entry),
      ConsumerCreationTimestamp: new Date(found.entry.createdMs),
    };
  }

  /** DescribeStreamConsumer's answer: the summary and the stream's ARN. */
  describe(found: FoundConsumer): ConsumerDescription {
    return { ...this.summary(found), StreamARN: this.store.streamArn(found.stream.name) };
  }

  private visibleStatus(entry: ConsumerEntry): ConsumerStatus {
    const status = consumerStatus(entry, this.store.now());
    return status === "GONE" ? "DELETING" : status;
  }
}
