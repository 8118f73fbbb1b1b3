import { describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  DeregisterStreamConsumerCommand,
  DescribeStreamConsumerCommand,
  DescribeStreamSummaryCommand,
  type KinesisClient,
  ListShardsCommand,
  ListStreamConsumersCommand,
  PutRecordsCommand,
  RegisterStreamConsumerCommand,
  SplitShardCommand,
  type StartingPosition,
  SubscribeToShardCommand,
  type SubscribeToShardEvent,
} from "@aws-sdk/client-kinesis";
import { startTestEmulator, useTestEmulator, type TestEmulator } from "../../support/testEmulator";
import { bytes, createStream, ManualClock, rejectsWith, text } from "../../support/kinesisTestKit";

const ACCOUNT = "000000000000";
const SHARD = "shardId-000000000000";
const streamArnOf = (name: string): string => `arn:aws:kinesis:us-east-1:${ACCOUNT}:stream/${name}`;

async function putAll(kinesis: KinesisClient, streamName: string, values: readonly string[]): Promise<string[]> {
  const answer = await kinesis.send(new PutRecordsCommand({ StreamName: streamName, Records: values.map((value) => ({ Data: bytes(value), PartitionKey: "k" })) }));
  return answer.Records!.map((record) => record.SequenceNumber!);
}

async function registerConsumer(kinesis: KinesisClient, streamName: string, consumerName = "reader"): Promise<string> {
  const answer = await kinesis.send(new RegisterStreamConsumerCommand({ StreamARN: streamArnOf(streamName), ConsumerName: consumerName }));
  return answer.Consumer!.ConsumerARN!;
}

/** A subscription through the SDK's SubscribeToShardCommand; `abort` closes its HTTP/2 stream. */
async function subscribe(kinesis: KinesisClient, consumerArn: string, startingPosition: StartingPosition, shardId = SHARD) {
  const abort = new AbortController();
  const answer = await kinesis.send(new SubscribeToShardCommand({ ConsumerARN: consumerArn, ShardId: shardId, StartingPosition: startingPosition }), { abortSignal: abort.signal });
  return { events: answer.EventStream!, close: () => abort.abort() };
}

/** SubscribeToShardEvents until `enough` says so, or until the stream ends (enough = undefined). */
async function readEvents(events: AsyncIterable<{ SubscribeToShardEvent?: SubscribeToShardEvent }>, enough?: (seen: SubscribeToShardEvent[]) => boolean): Promise<SubscribeToShardEvent[]> {
  const seen: SubscribeToShardEvent[] = [];
  for await (const event of events) {
    assert.ok(event.SubscribeToShardEvent !== undefined, `an event other than SubscribeToShardEvent: ${JSON.stringify(Object.keys(event))}`);
    seen.push(event.SubscribeToShardEvent);
    if (enough?.(seen) === true) {
      break;
    }
  }
  return seen;
}

const recordsOf = (events: readonly SubscribeToShardEvent[]) => events.flatMap((event) => event.Records ?? []);
const countAtLeast = (count: number) => (events: readonly SubscribeToShardEvent[]) => recordsOf(events).length >= count;

describe("Kinesis enhanced fan-out: consumers and SubscribeToShard", () => {
  let emulator: TestEmulator;
  useTestEmulator((started) => {
    emulator = started;
  });

  describe("validation", () => {
    test("rejects a ConsumerName outside AWS's pattern with ValidationException", async () => {
      const name = await createStream(emulator.kinesis);
      await rejectsWith(emulator.kinesis.send(new RegisterStreamConsumerCommand({ StreamARN: streamArnOf(name), ConsumerName: "no spaces" })), {
        name: "ValidationException",
        message: /at 'consumerName' failed to satisfy constraint: Member must satisfy regular expression pattern/,
      });
    });

    test("rejects a ConsumerARN outside AWS's pattern with ValidationException", async () => {
      await rejectsWith(emulator.kinesis.send(new SubscribeToShardCommand({ ConsumerARN: streamArnOf("s"), ShardId: SHARD, StartingPosition: { Type: "LATEST" } })), {
        name: "ValidationException",
        message: /at 'consumerARN' failed to satisfy constraint/,
      });
    });

    test("rejects DescribeStreamConsumer without a ConsumerARN or a StreamARN and ConsumerName with InvalidArgumentException", async () => {
      const name = await createStream(emulator.kinesis);
      await rejectsWith(emulator.kinesis.send(new DescribeStreamConsumerCommand({ StreamARN: streamArnOf(name) })), { name: "InvalidArgumentException" });
    });
  });

  describe("consumers", () => {
    test("registers a consumer ACTIVE with its ARN as AWS forms it, and lists and describes it by ARN and by stream and name", async () => {
      const name = await createStream(emulator.kinesis);
      const registered = (await emulator.kinesis.send(new RegisterStreamConsumerCommand({ StreamARN: streamArnOf(name), ConsumerName: "reader" }))).Consumer!;
      const seconds = Math.floor(registered.ConsumerCreationTimestamp!.getTime() / 1000);
      assert.equal(registered.ConsumerARN, `${streamArnOf(name)}/consumer/reader:${seconds}`);
      assert.equal(registered.ConsumerName, "reader");
      assert.equal(registered.ConsumerStatus, "ACTIVE");

      // The members of LocalStack's AWS-validated snapshot (test_stream_consumers), no more.
      const listed = (await emulator.kinesis.send(new ListStreamConsumersCommand({ StreamARN: streamArnOf(name) }))).Consumers!;
      assert.deepEqual(listed, [registered]);
      const byArn = (await emulator.kinesis.send(new DescribeStreamConsumerCommand({ ConsumerARN: registered.ConsumerARN }))).ConsumerDescription;
      assert.deepEqual(byArn, { ...registered, StreamARN: streamArnOf(name) });
      const byName = (await emulator.kinesis.send(new DescribeStreamConsumerCommand({ StreamARN: streamArnOf(name), ConsumerName: "reader" }))).ConsumerDescription;
      assert.deepEqual(byName, byArn);
      const summary = (await emulator.kinesis.send(new DescribeStreamSummaryCommand({ StreamName: name }))).StreamDescriptionSummary!;
      assert.equal(summary.ConsumerCount, 1);
    });

    test("refuses a second consumer of the same name with ResourceInUseException and a 21st consumer with LimitExceededException", async () => {
      const name = await createStream(emulator.kinesis);
      await registerConsumer(emulator.kinesis, name, "c0");
      await rejectsWith(emulator.kinesis.send(new RegisterStreamConsumerCommand({ StreamARN: streamArnOf(name), ConsumerName: "c0" })), { name: "ResourceInUseException", status: 400 });
      for (let index = 1; index < 20; index += 1) {
        await registerConsumer(emulator.kinesis, name, `c${index}`);
      }
      await rejectsWith(emulator.kinesis.send(new RegisterStreamConsumerCommand({ StreamARN: streamArnOf(name), ConsumerName: "c20" })), { name: "LimitExceededException", status: 400 });
    });

    test("pages ListStreamConsumers in registration order with MaxResults and NextToken", async () => {
      const name = await createStream(emulator.kinesis);
      for (const consumer of ["a", "b", "c"]) {
        await registerConsumer(emulator.kinesis, name, consumer);
      }
      const first = await emulator.kinesis.send(new ListStreamConsumersCommand({ StreamARN: streamArnOf(name), MaxResults: 2 }));
      assert.deepEqual(first.Consumers!.map((consumer) => consumer.ConsumerName), ["a", "b"]);
      assert.ok(first.NextToken !== undefined);
      const second = await emulator.kinesis.send(new ListStreamConsumersCommand({ StreamARN: streamArnOf(name), NextToken: first.NextToken }));
      assert.deepEqual(second.Consumers!.map((consumer) => consumer.ConsumerName), ["c"]);
      assert.equal(second.NextToken, undefined);
      await rejectsWith(emulator.kinesis.send(new ListStreamConsumersCommand({ StreamARN: streamArnOf(name), NextToken: first.NextToken, StreamCreationTimestamp: new Date() })), {
        name: "InvalidArgumentException",
      });
    });

    test("deregisters by ARN and by stream and name; the consumer is then not found, and a new one of the same name gets its own registration", async () => {
      const name = await createStream(emulator.kinesis);
      const first = await registerConsumer(emulator.kinesis, name, "one");
      await registerConsumer(emulator.kinesis, name, "two");
      await emulator.kinesis.send(new DeregisterStreamConsumerCommand({ ConsumerARN: first }));
      await emulator.kinesis.send(new DeregisterStreamConsumerCommand({ StreamARN: streamArnOf(name), ConsumerName: "two" }));
      assert.deepEqual((await emulator.kinesis.send(new ListStreamConsumersCommand({ StreamARN: streamArnOf(name) }))).Consumers, []);
      await rejectsWith(emulator.kinesis.send(new DescribeStreamConsumerCommand({ ConsumerARN: first })), {
        name: "ResourceNotFoundException",
        message: `Consumer ${first} under account ${ACCOUNT} not found.`,
      });
      await rejectsWith(emulator.kinesis.send(new DeregisterStreamConsumerCommand({ StreamARN: streamArnOf(name), ConsumerName: "two" })), { name: "ResourceNotFoundException" });
      await registerConsumer(emulator.kinesis, name, "one");
      assert.equal((await emulator.kinesis.send(new ListStreamConsumersCommand({ StreamARN: streamArnOf(name) }))).Consumers!.length, 1);
    });

    test("answers ResourceNotFoundException for a consumer of a stream that does not exist", async () => {
      await rejectsWith(emulator.kinesis.send(new RegisterStreamConsumerCommand({ StreamARN: streamArnOf("missing"), ConsumerName: "reader" })), {
        name: "ResourceNotFoundException",
        message: `Stream missing under account ${ACCOUNT} not found.`,
      });
      const arn = `${streamArnOf("missing")}/consumer/reader:1700000000`;
      await rejectsWith(emulator.kinesis.send(new SubscribeToShardCommand({ ConsumerARN: arn, ShardId: SHARD, StartingPosition: { Type: "LATEST" } })), {
        name: "ResourceNotFoundException",
        message: `Consumer ${arn} under account ${ACCOUNT} not found.`,
      });
    });
  });

  describe("SubscribeToShard", () => {
    test("from TRIM_HORIZON pushes the records put before and after subscribing, in order, each once", async () => {
      const name = await createStream(emulator.kinesis);
      const consumer = await registerConsumer(emulator.kinesis, name);
      const before = await putAll(emulator.kinesis, name, ["r0", "r1", "r2"]);
      const subscription = await subscribe(emulator.kinesis, consumer, { Type: "TRIM_HORIZON" });
      const after = await putAll(emulator.kinesis, name, ["r3", "r4"]);
      const events = await readEvents(subscription.events, countAtLeast(5));
      subscription.close();
      const records = recordsOf(events);
      assert.deepEqual(
        records.map((record) => text(record.Data)),
        ["r0", "r1", "r2", "r3", "r4"],
      );
      assert.deepEqual(
        records.map((record) => record.SequenceNumber),
        [...before, ...after],
      );
      assert.ok(records.every((record) => record.PartitionKey === "k" && record.ApproximateArrivalTimestamp instanceof Date));
      const last = events[events.length - 1]!;
      assert.equal(last.ContinuationSequenceNumber, after[1]);
      assert.equal(typeof last.MillisBehindLatest, "number");
      assert.equal(last.ChildShards, undefined);
    });

    test("from LATEST pushes only the records put after subscribing", async () => {
      const name = await createStream(emulator.kinesis);
      const consumer = await registerConsumer(emulator.kinesis, name);
      await putAll(emulator.kinesis, name, ["old"]);
      const subscription = await subscribe(emulator.kinesis, consumer, { Type: "LATEST" });
      await putAll(emulator.kinesis, name, ["new0", "new1"]);
      const events = await readEvents(subscription.events, countAtLeast(2));
      subscription.close();
      assert.deepEqual(
        recordsOf(events).map((record) => text(record.Data)),
        ["new0", "new1"],
      );
    });

    test("from AT_TIMESTAMP and AT_SEQUENCE_NUMBER starts where GetShardIterator would", async () => {
      const name = await createStream(emulator.kinesis);
      const sequenceNumbers = await putAll(emulator.kinesis, name, ["t0", "t1", "t2"]);
      const sinceLongAgo = await subscribe(emulator.kinesis, await registerConsumer(emulator.kinesis, name, "by-time"), { Type: "AT_TIMESTAMP", Timestamp: new Date(Date.UTC(2015, 0, 1)) });
      const allEvents = await readEvents(sinceLongAgo.events, countAtLeast(3));
      sinceLongAgo.close();
      assert.deepEqual(
        recordsOf(allEvents).map((record) => text(record.Data)),
        ["t0", "t1", "t2"],
      );
      const fromSecond = await subscribe(emulator.kinesis, await registerConsumer(emulator.kinesis, name, "by-number"), { Type: "AT_SEQUENCE_NUMBER", SequenceNumber: sequenceNumbers[1] });
      const laterEvents = await readEvents(fromSecond.events, countAtLeast(2));
      fromSecond.close();
      assert.deepEqual(
        recordsOf(laterEvents).map((record) => record.SequenceNumber),
        sequenceNumbers.slice(1),
      );
    });

    test("ends the stream with a ResourceNotFoundException event when its consumer is deregistered", async () => {
      const name = await createStream(emulator.kinesis);
      const consumer = await registerConsumer(emulator.kinesis, name);
      const subscription = await subscribe(emulator.kinesis, consumer, { Type: "LATEST" });
      const iterator = subscription.events[Symbol.asyncIterator]();
      assert.ok((await iterator.next()).value?.SubscribeToShardEvent !== undefined);
      await emulator.kinesis.send(new DeregisterStreamConsumerCommand({ ConsumerARN: consumer }));
      await assert.rejects(
        (async () => {
          while (!(await iterator.next()).done) {
            // Heartbeats until the subscription notices.
          }
        })(),
        (error: Error) => error.name === "ResourceNotFoundException" && error.message === `Consumer ${consumer} under account ${ACCOUNT} not found.`,
      );
    });

    test("speaks the same event stream over HTTP/1.1, as the AWS CLI and boto3 would ask for it", async () => {
      const name = await createStream(emulator.kinesis);
      const consumer = await registerConsumer(emulator.kinesis, name);
      await putAll(emulator.kinesis, name, ["h1"]);
      const subscription = await subscribe(emulator.kinesisHttp1, consumer, { Type: "TRIM_HORIZON" });
      const events = await readEvents(subscription.events, countAtLeast(1));
      subscription.close();
      assert.deepEqual(
        recordsOf(events).map((record) => text(record.Data)),
        ["h1"],
      );
    });

    test("refuses a second subscription of the same consumer to the same shard within 5 seconds with ResourceInUseException", async () => {
      const name = await createStream(emulator.kinesis);
      const consumer = await registerConsumer(emulator.kinesis, name);
      const subscription = await subscribe(emulator.kinesis, consumer, { Type: "LATEST" });
      await rejectsWith(emulator.kinesis.send(new SubscribeToShardCommand({ ConsumerARN: consumer, ShardId: SHARD, StartingPosition: { Type: "LATEST" } })), {
        name: "ResourceInUseException",
        status: 400,
        message: "Another active subscription exists for this consumer",
      });
      subscription.close();
      // Closing frees the shard: the emulator ends the subscription when its stream is reset, not at its next event
      // (5 s away). Retried, since the reset reaches the server a moment after the client sends it.
      let again: Awaited<ReturnType<typeof subscribe>> | undefined;
      for (let attempt = 0; again === undefined && attempt < 30; attempt += 1) {
        again = await subscribe(emulator.kinesis, consumer, { Type: "LATEST" }).catch(async (error: Error) => {
          assert.equal(error.name, "ResourceInUseException");
          await new Promise((resolve) => setTimeout(resolve, 100));
          return undefined;
        });
      }
      assert.ok(again !== undefined, "the shard was still claimed 3 s after its subscription closed");
      again.close();
    });

    test("answers ResourceNotFoundException for a shard the stream does not have", async () => {
      const name = await createStream(emulator.kinesis);
      const consumer = await registerConsumer(emulator.kinesis, name);
      await rejectsWith(emulator.kinesis.send(new SubscribeToShardCommand({ ConsumerARN: consumer, ShardId: "shardId-000000000007", StartingPosition: { Type: "LATEST" } })), {
        name: "ResourceNotFoundException",
        message: `Shard shardId-000000000007 in stream ${name} under account ${ACCOUNT} does not exist`,
      });
    });

    test("ends a closed shard's stream with an event naming its ChildShards and no ContinuationSequenceNumber", async () => {
      const name = await createStream(emulator.kinesis);
      const consumer = await registerConsumer(emulator.kinesis, name);
      await putAll(emulator.kinesis, name, ["before-split"]);
      const subscription = await subscribe(emulator.kinesis, consumer, { Type: "TRIM_HORIZON" });
      await emulator.kinesis.send(new SplitShardCommand({ StreamName: name, ShardToSplit: SHARD, NewStartingHashKey: (2n ** 127n).toString() }));
      const events = await readEvents(subscription.events);
      assert.deepEqual(
        recordsOf(events).map((record) => text(record.Data)),
        ["before-split"],
      );
      const last = events[events.length - 1]!;
      assert.equal(last.ContinuationSequenceNumber, undefined);
      const shards = (await emulator.kinesis.send(new ListShardsCommand({ StreamName: name }))).Shards!;
      const children = shards.filter((shard) => shard.ParentShardId === SHARD).map((shard) => shard.ShardId);
      assert.equal(children.length, 2);
      assert.deepEqual(
        last.ChildShards!.map((child) => child.ShardId),
        children,
      );
      assert.ok(last.ChildShards!.every((child) => child.ParentShards!.includes(SHARD)));
    });
  });
});

describe("Kinesis SubscribeToShard with a short subscription lifetime", () => {
  let emulator: TestEmulator;
  useTestEmulator(
    (started) => {
      emulator = started;
    },
    { subscriptionLifetimeMs: 1_500 },
  );

  test("ends the event stream cleanly when the lifetime is over, and resubscribing after ContinuationSequenceNumber goes on with the next record", async () => {
    const name = await createStream(emulator.kinesis);
    const consumer = await registerConsumer(emulator.kinesis, name);
    const first = await putAll(emulator.kinesis, name, ["a", "b"]);
    const firstEvents = await readEvents((await subscribe(emulator.kinesis, consumer, { Type: "TRIM_HORIZON" })).events);
    assert.deepEqual(
      recordsOf(firstEvents).map((record) => text(record.Data)),
      ["a", "b"],
    );
    const continuation = firstEvents[firstEvents.length - 1]!.ContinuationSequenceNumber!;
    assert.equal(continuation, first[1]);

    const next = await putAll(emulator.kinesis, name, ["c"]);
    const secondEvents = await readEvents((await subscribe(emulator.kinesis, consumer, { Type: "AFTER_SEQUENCE_NUMBER", SequenceNumber: continuation })).events);
    assert.deepEqual(
      recordsOf(secondEvents).map((record) => record.SequenceNumber),
      next,
    );
  });
});

describe("Kinesis SubscribeToShard taken over after 5 seconds", () => {
  const clock = new ManualClock();
  let emulator: TestEmulator;
  useTestEmulator(
    (started) => {
      emulator = started;
    },
    { now: clock.now },
  );

  test("a second subscription 5 seconds or more after the first takes over, and the first ends with ResourceInUseException", async () => {
    const name = await createStream(emulator.kinesis);
    const consumer = await registerConsumer(emulator.kinesis, name);
    const first = await subscribe(emulator.kinesis, consumer, { Type: "TRIM_HORIZON" });
    const firstEvents = first.events[Symbol.asyncIterator]();
    assert.ok((await firstEvents.next()).value?.SubscribeToShardEvent !== undefined);
    clock.advance(5_000);
    const second = await subscribe(emulator.kinesis, consumer, { Type: "TRIM_HORIZON" });
    await assert.rejects(
      (async () => {
        while (!(await firstEvents.next()).done) {
          // Events sent before the takeover.
        }
      })(),
      (error: Error) => error.name === "ResourceInUseException" && error.message === "Another active subscription exists for this consumer",
    );
    await putAll(emulator.kinesis, name, ["after-takeover"]);
    const events = await readEvents(second.events, countAtLeast(1));
    second.close();
    assert.deepEqual(
      recordsOf(events).map((record) => text(record.Data)),
      ["after-takeover"],
    );
  });
});

describe("Kinesis consumers across a restart", () => {
  test("a registered consumer survives an emulator restart with its ARN, and so does its deregistration", async () => {
    const first = await startTestEmulator();
    const name = await createStream(first.kinesis);
    const arn = await registerConsumer(first.kinesis, name, "kept");
    await registerConsumer(first.kinesis, name, "dropped");
    await first.stop();
    const second = await startTestEmulator({ dataDir: first.dataDir });
    try {
      const listed = (await second.kinesis.send(new ListStreamConsumersCommand({ StreamARN: streamArnOf(name) }))).Consumers!;
      assert.deepEqual(
        listed.map((consumer) => [consumer.ConsumerName, consumer.ConsumerStatus]),
        [
          ["kept", "ACTIVE"],
          ["dropped", "ACTIVE"],
        ],
      );
      assert.equal(listed[0]!.ConsumerARN, arn);
      await second.kinesis.send(new DeregisterStreamConsumerCommand({ StreamARN: streamArnOf(name), ConsumerName: "dropped" }));
    } finally {
      await second.stop();
    }
    const third = await startTestEmulator({ dataDir: first.dataDir });
    try {
      const listed = (await third.kinesis.send(new ListStreamConsumersCommand({ StreamARN: streamArnOf(name) }))).Consumers!;
      assert.deepEqual(
        listed.map((consumer) => consumer.ConsumerARN),
        [arn],
      );
    } finally {
      await third.close();
    }
  });
});

describe("Kinesis consumers with a CREATING delay", () => {
  let emulator: TestEmulator;
  useTestEmulator(
    (started) => {
      emulator = started;
    },
    { createStreamDelayMs: 1_000 },
  );

  async function waitFor(condition: () => Promise<boolean>): Promise<void> {
    while (!(await condition())) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  test("stays CREATING for the delay, is refused SubscribeToShard meanwhile with AWS's wording, then is ACTIVE; a sixth CREATING consumer is refused", async () => {
    const name = await createStream(emulator.kinesis);
    await waitFor(async () => (await emulator.kinesis.send(new DescribeStreamSummaryCommand({ StreamName: name }))).StreamDescriptionSummary!.StreamStatus === "ACTIVE");
    const registered = (await emulator.kinesis.send(new RegisterStreamConsumerCommand({ StreamARN: streamArnOf(name), ConsumerName: "slow" }))).Consumer!;
    assert.equal(registered.ConsumerStatus, "CREATING");
    for (const consumer of ["c1", "c2", "c3", "c4"]) {
      await registerConsumer(emulator.kinesis, name, consumer);
    }
    await rejectsWith(emulator.kinesis.send(new RegisterStreamConsumerCommand({ StreamARN: streamArnOf(name), ConsumerName: "c5" })), { name: "LimitExceededException" });
    const seconds = Math.floor(registered.ConsumerCreationTimestamp!.getTime() / 1000);
    await rejectsWith(emulator.kinesis.send(new SubscribeToShardCommand({ ConsumerARN: registered.ConsumerARN, ShardId: SHARD, StartingPosition: { Type: "LATEST" } })), {
      name: "ResourceInUseException",
      message: `Consumer slow with creation timestamp ${seconds} under stream: ${name} , account ${ACCOUNT} is not in ACTIVE status.`,
    });
    await waitFor(async () => (await emulator.kinesis.send(new DescribeStreamConsumerCommand({ ConsumerARN: registered.ConsumerARN }))).ConsumerDescription!.ConsumerStatus === "ACTIVE");
    await emulator.kinesis.send(new DeregisterStreamConsumerCommand({ ConsumerARN: registered.ConsumerARN }));
    assert.equal((await emulator.kinesis.send(new DescribeStreamConsumerCommand({ ConsumerARN: registered.ConsumerARN }))).ConsumerDescription!.ConsumerStatus, "DELETING");
    await waitFor(async () => (await emulator.kinesis.send(new ListStreamConsumersCommand({ StreamARN: streamArnOf(name) }))).Consumers!.every((consumer) => consumer.ConsumerName !== "slow"));
  });
});
