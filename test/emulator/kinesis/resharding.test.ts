import { describe, test, before } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  CreateStreamCommand,
  DescribeLimitsCommand,
  DescribeStreamCommand,
  DescribeStreamSummaryCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type KinesisClient,
  ListShardsCommand,
  type ListShardsCommandInput,
  MergeShardsCommand,
  PutRecordCommand,
  PutRecordsCommand,
  type Shard,
  SplitShardCommand,
  UpdateShardCountCommand,
} from "@aws-sdk/client-kinesis";
import { startTestEmulator, useTestEmulator, type TestEmulator } from "../../support/testEmulator";
import { bytes, createStream, ManualClock, readShard, rejectsWith, shardIterator, text, uniqueStreamName } from "../../support/kinesisTestKit";
import { readByLineage } from "../../support/lineageReader";

const ACCOUNT = "000000000000";
const MAX_HASH_KEY = "340282366920938463463374607431768211455";
const THIRD = "113427455640312821154458202477256070484";

async function shardsOf(kinesis: KinesisClient, streamName: string): Promise<Shard[]> {
  return (await kinesis.send(new DescribeStreamCommand({ StreamName: streamName }))).StreamDescription!.Shards!;
}

async function listShardIds(kinesis: KinesisClient, input: ListShardsCommandInput): Promise<string[]> {
  return ((await kinesis.send(new ListShardsCommand(input))).Shards ?? []).map((shard) => shard.ShardId!);
}

const id = (index: number): string => `shardId-${String(index).padStart(12, "0")}`;
const range = (shard: Shard): [string, string] => [shard.HashKeyRange!.StartingHashKey!, shard.HashKeyRange!.EndingHashKey!];

describe("Kinesis resharding: SplitShard, MergeShards, UpdateShardCount", () => {
  const clock = new ManualClock();
  let emulator: TestEmulator;
  let kinesis: KinesisClient;
  useTestEmulator(
    (started) => {
      emulator = started;
      kinesis = emulator.kinesis;
    },
    { now: clock.now },
  );

  describe("validation", () => {
    test("rejects a SplitShard without ShardToSplit and NewStartingHashKey with ValidationException", async () => {
      await rejectsWith(kinesis.send(new SplitShardCommand({ StreamName: "x" } as never)), { name: "ValidationException", message: /'newStartingHashKey'.*Member must not be null/s });
    });

    test("rejects a NewStartingHashKey that is not a decimal with ValidationException", async () => {
      await rejectsWith(kinesis.send(new SplitShardCommand({ StreamName: "x", ShardToSplit: "0", NewStartingHashKey: "0x10" })), { name: "ValidationException", message: /0\|\(\[1-9\]\\d\{0,38\}\)/ });
    });

    test("rejects an UpdateShardCount with another ScalingType with ValidationException", async () => {
      await rejectsWith(
        kinesis.send(new UpdateShardCountCommand({ StreamName: "x", TargetShardCount: 2, ScalingType: "OTHER" as "UNIFORM_SCALING" })),
        { name: "ValidationException", message: /scalingType/ },
      );
    });
  });

  describe("errors (wording from kinesalite's tests, run against AWS)", () => {
    let name: string;
    before(async () => {
      name = await createStream(kinesis, 3);
    });

    test("SplitShard on an unknown stream with a readable shard id answers the stream is not found", async () => {
      await rejectsWith(
        kinesis.send(new SplitShardCommand({ StreamName: "nope", ShardToSplit: "2147483647", NewStartingHashKey: "0" })),
        { name: "ResourceNotFoundException", message: `Stream nope under account ${ACCOUNT} not found.` },
      );
    });

    test("an unreadable or too large shard id is refused before the stream is looked up", async () => {
      for (const shardId of ["2147483648", "shardId-002147483648", "ABKLFD8", "2.14E4"]) {
        await rejectsWith(
          kinesis.send(new SplitShardCommand({ StreamName: "nope", ShardToSplit: shardId, NewStartingHashKey: "0" })),
          { name: "ResourceNotFoundException", message: `Could not find shard ${shardId} in stream nope under account ${ACCOUNT}.` },
        );
      }
    });

    test("a shard the stream does not have is named in AWS's form", async () => {
      await rejectsWith(
        kinesis.send(new SplitShardCommand({ StreamName: name, ShardToSplit: "shardId-5", NewStartingHashKey: "0" })),
        { name: "ResourceNotFoundException", message: `Could not find shard shardId-000000000005 in stream ${name} under account ${ACCOUNT}.` },
      );
      await rejectsWith(
        kinesis.send(new MergeShardsCommand({ StreamName: name, ShardToMerge: "any-0", AdjacentShardToMerge: "shardId-5" })),
        { name: "ResourceNotFoundException", message: `Could not find shard shardId-000000000005 in stream ${name} under account ${ACCOUNT}.` },
      );
    });

    test("NewStartingHashKey must be more than one past the shard's start and before its end", async () => {
      for (const key of ["1", THIRD]) {
        await rejectsWith(
          kinesis.send(new SplitShardCommand({ StreamName: name, ShardToSplit: "shard-0", NewStartingHashKey: key })),
          { name: "InvalidArgumentException", message: `NewStartingHashKey ${key} used in SplitShard() on shard shardId-000000000000 in stream ${name} under account ${ACCOUNT} ` +
            `is not both greater than one plus the shard's StartingHashKey 0 and less than the shard's EndingHashKey ${THIRD}.` },
        );
      }
    });

    test("MergeShards refuses shards that are not adjacent, in either order", async () => {
      for (const [first, second] of [
        [0, 2],
        [1, 0],
      ] as const) {
        await rejectsWith(
          kinesis.send(new MergeShardsCommand({ StreamName: name, ShardToMerge: `x-${first}`, AdjacentShardToMerge: `x-${second}` })),
          { name: "InvalidArgumentException", message: `Shards ${id(first)} and ${id(second)} in stream ${name} under account ${ACCOUNT} are not an adjacent pair of shards eligible for merging` },
        );
      }
    });

    test("a closed shard can be neither split nor merged again", async () => {
      const stream = await createStream(kinesis, 2);
      await kinesis.send(new MergeShardsCommand({ StreamName: stream, ShardToMerge: id(0), AdjacentShardToMerge: id(1) }));
      const closed = `Shard ${id(0)} in stream ${stream} under account ${ACCOUNT} has already been merged or split, and thus is not eligible for merging or splitting.`;
      await rejectsWith(kinesis.send(new SplitShardCommand({ StreamName: stream, ShardToSplit: id(0), NewStartingHashKey: "12345" })), { name: "InvalidArgumentException", message: closed });
      await rejectsWith(kinesis.send(new MergeShardsCommand({ StreamName: stream, ShardToMerge: id(0), AdjacentShardToMerge: id(1) })), { name: "InvalidArgumentException", message: closed });
    });

    test("UpdateShardCount refuses more than double or less than half the open shards", async () => {
      await rejectsWith(kinesis.send(new UpdateShardCountCommand({ StreamName: name, TargetShardCount: 7, ScalingType: "UNIFORM_SCALING" })), { name: "LimitExceededException", message: /more than double/ });
      await rejectsWith(kinesis.send(new UpdateShardCountCommand({ StreamName: name, TargetShardCount: 1, ScalingType: "UNIFORM_SCALING" })), { name: "LimitExceededException", message: /below half/ });
    });

    test("UpdateShardCount refuses an eleventh scaling in 24 hours, and allows it once the first is a day old", async () => {
      const stream = await createStream(kinesis, 1);
      for (let call = 0; call < 10; call += 1) {
        await kinesis.send(new UpdateShardCountCommand({ StreamName: stream, TargetShardCount: call % 2 === 0 ? 2 : 1, ScalingType: "UNIFORM_SCALING" }));
      }
      await rejectsWith(kinesis.send(new UpdateShardCountCommand({ StreamName: stream, TargetShardCount: 1, ScalingType: "UNIFORM_SCALING" })), { name: "LimitExceededException", message: /10 times in the last 24 hours/ });
      clock.advance(24 * 3_600_000 + 1);
      await kinesis.send(new UpdateShardCountCommand({ StreamName: stream, TargetShardCount: 1, ScalingType: "UNIFORM_SCALING" }));
    });

    test("resharding an on-demand stream is refused", async () => {
      const stream = uniqueStreamName();
      await kinesis.send(new CreateStreamCommand({ StreamName: stream, StreamModeDetails: { StreamMode: "ON_DEMAND" } }));
      await rejectsWith(kinesis.send(new UpdateShardCountCommand({ StreamName: stream, TargetShardCount: 8, ScalingType: "UNIFORM_SCALING" })), { name: "ValidationException", message: /ON_DEMAND/ });
      await rejectsWith(kinesis.send(new MergeShardsCommand({ StreamName: stream, ShardToMerge: id(0), AdjacentShardToMerge: id(1) })), { name: "ValidationException", message: /ON_DEMAND/ });
    });
  });

  describe("behaviour", () => {
    test("SplitShard closes the parent at its last record and opens two children with the next indexes", async () => {
      const name = await createStream(kinesis, 1);
      const before = await kinesis.send(new PutRecordCommand({ StreamName: name, PartitionKey: "a", Data: bytes("before"), ExplicitHashKey: "5" }));
      await kinesis.send(new SplitShardCommand({ StreamName: name, ShardToSplit: "shardId-000000000000", NewStartingHashKey: "2" }));
      const shards = await shardsOf(kinesis, name);
      assert.deepEqual(
        shards.map((shard) => [shard.ShardId, shard.ParentShardId, ...range(shard)]),
        [
          [id(0), undefined, "0", MAX_HASH_KEY],
          [id(1), id(0), "0", "1"],
          [id(2), id(0), "2", MAX_HASH_KEY],
        ],
      );
      assert.equal(shards[0]!.SequenceNumberRange!.EndingSequenceNumber, before.SequenceNumber);
      assert.equal(shards[1]!.SequenceNumberRange!.EndingSequenceNumber, undefined);
      const low = await kinesis.send(new PutRecordCommand({ StreamName: name, PartitionKey: "a", Data: bytes("low"), ExplicitHashKey: "1" }));
      const high = await kinesis.send(new PutRecordCommand({ StreamName: name, PartitionKey: "a", Data: bytes("high"), ExplicitHashKey: "2" }));
      assert.deepEqual([low.ShardId, high.ShardId], [id(1), id(2)]);
      const summary = await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: name }));
      assert.equal(summary.StreamDescriptionSummary!.OpenShardCount, 2);
      const iterator = await kinesis.send(new GetShardIteratorCommand({ StreamName: name, ShardId: id(2), ShardIteratorType: "AT_SEQUENCE_NUMBER", StartingSequenceNumber: high.SequenceNumber }));
      const read = await kinesis.send(new GetRecordsCommand({ ShardIterator: iterator.ShardIterator }));
      assert.deepEqual(read.Records!.map((record) => text(record.Data)), ["high"]);
    });

    test("GetRecords reads a closed shard's records, then answers ChildShards and no NextShardIterator", async () => {
      const name = await createStream(kinesis, 1);
      await kinesis.send(new PutRecordCommand({ StreamName: name, PartitionKey: "a", Data: bytes("one") }));
      await kinesis.send(new SplitShardCommand({ StreamName: name, ShardToSplit: id(0), NewStartingHashKey: "170141183460469231731687303715884105728" }));
      const first = await kinesis.send(new GetRecordsCommand({ ShardIterator: await shardIterator(kinesis, name, id(0)) }));
      assert.equal(first.Records!.length, 1);
      assert.ok(first.NextShardIterator);
      const end = await kinesis.send(new GetRecordsCommand({ ShardIterator: first.NextShardIterator }));
      assert.deepEqual(end.Records, []);
      assert.equal(end.NextShardIterator, undefined);
      assert.deepEqual(end.ChildShards, [
        { ShardId: id(1), ParentShards: [id(0)], HashKeyRange: { StartingHashKey: "0", EndingHashKey: "170141183460469231731687303715884105727" } },
        { ShardId: id(2), ParentShards: [id(0)], HashKeyRange: { StartingHashKey: "170141183460469231731687303715884105728", EndingHashKey: MAX_HASH_KEY } },
      ]);
      const latest = await kinesis.send(new GetRecordsCommand({ ShardIterator: await shardIterator(kinesis, name, id(0), "LATEST") }));
      assert.deepEqual([latest.Records, latest.NextShardIterator, latest.ChildShards?.length], [[], undefined, 2]);
    });

    test("MergeShards closes both parents and opens one child covering both ranges", async () => {
      const name = await createStream(kinesis, 3);
      await kinesis.send(new MergeShardsCommand({ StreamName: name, ShardToMerge: "shard-0", AdjacentShardToMerge: "shard-1" }));
      const shards = await shardsOf(kinesis, name);
      const merged = shards[3]!;
      assert.deepEqual([merged.ShardId, merged.ParentShardId, merged.AdjacentParentShardId, ...range(merged)], [id(3), id(0), id(1), "0", range(shards[1]!)[1]]);
      assert.ok(shards[0]!.SequenceNumberRange!.EndingSequenceNumber);
      assert.ok(shards[1]!.SequenceNumberRange!.EndingSequenceNumber);
      const end = await kinesis.send(new GetRecordsCommand({ ShardIterator: await shardIterator(kinesis, name, id(1)) }));
      assert.deepEqual(end.ChildShards, [{ ShardId: id(3), ParentShards: [id(0), id(1)], HashKeyRange: merged.HashKeyRange }]);
      const limits = await kinesis.send(new DescribeLimitsCommand({}));
      assert.ok(limits.OpenShardCount! >= 2);
    });

    test("UpdateShardCount doubles by splitting each shard and halves by merging pairs, to equal ranges", async () => {
      const name = await createStream(kinesis, 2);
      const up = await kinesis.send(new UpdateShardCountCommand({ StreamName: name, TargetShardCount: 4, ScalingType: "UNIFORM_SCALING" }));
      assert.deepEqual([up.CurrentShardCount, up.TargetShardCount, up.StreamName, up.StreamARN], [2, 4, name, `arn:aws:kinesis:us-east-1:${ACCOUNT}:stream/${name}`]);
      let shards = await shardsOf(kinesis, name);
      assert.deepEqual(
        shards.map((shard) => [shard.ShardId, shard.ParentShardId]),
        [[id(0), undefined], [id(1), undefined], [id(2), id(0)], [id(3), id(0)], [id(4), id(1)], [id(5), id(1)]],
      );
      const quarter = (2n ** 128n) / 4n;
      const open = await listShardIds(kinesis, { StreamName: name, ShardFilter: { Type: "AT_LATEST" } });
      assert.deepEqual(open, [id(2), id(3), id(4), id(5)]);
      assert.deepEqual(shards.slice(2).map((shard) => BigInt(shard.HashKeyRange!.StartingHashKey!)), [0n, quarter, 2n * quarter, 3n * quarter]);
      const down = await kinesis.send(new UpdateShardCountCommand({ StreamName: name, TargetShardCount: 2, ScalingType: "UNIFORM_SCALING" }));
      assert.deepEqual([down.CurrentShardCount, down.TargetShardCount], [4, 2]);
      shards = await shardsOf(kinesis, name);
      assert.deepEqual(
        shards.slice(6).map((shard) => [shard.ShardId, shard.ParentShardId, shard.AdjacentParentShardId]),
        [[id(6), id(2), id(3)], [id(7), id(4), id(5)]],
      );
      assert.equal((await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: name }))).StreamDescriptionSummary!.OpenShardCount, 2);
    });

    test("UpdateShardCount to a count that is not a multiple leaves equal ranges, every child reachable from its parents", async () => {
      const name = await createStream(kinesis, 3);
      await kinesis.send(new UpdateShardCountCommand({ StreamName: name, TargetShardCount: 5, ScalingType: "UNIFORM_SCALING" }));
      const open = (await kinesis.send(new ListShardsCommand({ StreamName: name, ShardFilter: { Type: "AT_LATEST" } }))).Shards!;
      const size = (2n ** 128n) / 5n;
      assert.deepEqual(
        open.map((shard) => BigInt(shard.HashKeyRange!.StartingHashKey!)).sort((a, b) => (a < b ? -1 : 1)),
        [0n, size, 2n * size, 3n * size, 4n * size],
      );
      await kinesis.send(new PutRecordsCommand({ StreamName: name, Records: Array.from({ length: 50 }, (_, index) => ({ PartitionKey: `k${index}`, Data: bytes(String(index)) })) }));
      assert.equal((await readByLineage(kinesis, name)).length, 50);
    });

    test("ListShards' ShardFilter selects by state and time; its NextToken keeps the filter", async () => {
      const name = await createStream(kinesis, 2);
      const createdMs = (await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: name }))).StreamDescriptionSummary!.StreamCreationTimestamp!.getTime();
      clock.advance(60_000);
      await kinesis.send(new SplitShardCommand({ StreamName: name, ShardToSplit: id(0), NewStartingHashKey: "1000" }));
      const splitMs = clock.now();
      clock.advance(60_000);
      await kinesis.send(new MergeShardsCommand({ StreamName: name, ShardToMerge: id(3), AdjacentShardToMerge: id(1) }));
      clock.advance(60_000);
      const all = [id(0), id(1), id(2), id(3), id(4)];
      assert.deepEqual(await listShardIds(kinesis, { StreamName: name }), all);
      assert.deepEqual(await listShardIds(kinesis, { StreamName: name, ShardFilter: { Type: "FROM_TRIM_HORIZON" } }), all);
      assert.deepEqual(await listShardIds(kinesis, { StreamName: name, ShardFilter: { Type: "AT_TRIM_HORIZON" } }), [id(0), id(1)]);
      assert.deepEqual(await listShardIds(kinesis, { StreamName: name, ShardFilter: { Type: "AT_LATEST" } }), [id(2), id(4)]);
      assert.deepEqual(await listShardIds(kinesis, { StreamName: name, ShardFilter: { Type: "AFTER_SHARD_ID", ShardId: id(2) } }), [id(3), id(4)]);
      assert.deepEqual(await listShardIds(kinesis, { StreamName: name, ShardFilter: { Type: "AT_TIMESTAMP", Timestamp: new Date(splitMs + 1) } }), [id(1), id(2), id(3)]);
      assert.deepEqual(await listShardIds(kinesis, { StreamName: name, ShardFilter: { Type: "AT_TIMESTAMP", Timestamp: new Date(createdMs) } }), [id(0), id(1)]);
      assert.deepEqual(await listShardIds(kinesis, { StreamName: name, ShardFilter: { Type: "FROM_TIMESTAMP", Timestamp: new Date(splitMs + 1) } }), [id(1), id(2), id(3), id(4)]);
      const first = await kinesis.send(new ListShardsCommand({ StreamName: name, MaxResults: 1, ShardFilter: { Type: "AT_LATEST" } }));
      const second = await kinesis.send(new ListShardsCommand({ NextToken: first.NextToken }));
      assert.deepEqual([first.Shards![0]!.ShardId, second.Shards!.map((shard) => shard.ShardId), second.NextToken], [id(2), [id(4)], undefined]);
    });

    test("ListShards refuses a ShardId or Timestamp its filter type does not take", async () => {
      const name = await createStream(kinesis, 1);
      await rejectsWith(kinesis.send(new ListShardsCommand({ StreamName: name, ShardFilter: { Type: "AT_LATEST", ShardId: id(0) } })), { name: "InvalidArgumentException", message: /AFTER_SHARD_ID/ });
      await rejectsWith(kinesis.send(new ListShardsCommand({ StreamName: name, ShardFilter: { Type: "AT_LATEST", Timestamp: new Date() } })), { name: "InvalidArgumentException", message: /AT_TIMESTAMP/ });
      await rejectsWith(kinesis.send(new ListShardsCommand({ StreamName: name, ShardFilter: { Type: "FROM_TIMESTAMP" } })), { name: "InvalidArgumentException", message: /Timestamp is required/ });
    });

    test("a closed shard is listed until its closing is older than the retention period, and stays readable by id", async () => {
      const name = await createStream(kinesis, 1);
      await kinesis.send(new PutRecordCommand({ StreamName: name, PartitionKey: "a", Data: bytes("old") }));
      await kinesis.send(new SplitShardCommand({ StreamName: name, ShardToSplit: id(0), NewStartingHashKey: "1000" }));
      clock.advance(25 * 3_600_000);
      assert.deepEqual(await listShardIds(kinesis, { StreamName: name }), [id(1), id(2)]);
      assert.deepEqual((await shardsOf(kinesis, name)).map((shard) => shard.ShardId), [id(1), id(2)]);
      assert.deepEqual(await readShard(kinesis, await shardIterator(kinesis, name, id(0))), []);
    });
  });

  describe("load: five producers writing through a split, a merge and UpdateShardCount", () => {
    test("every acknowledged record is read exactly once, parents before children, each key in order", async () => {
      const name = await createStream(kinesis, 2);
      let writing = true;
      const acknowledged = new Map<string, string>();
      const producer = async (producerIndex: number): Promise<void> => {
        const keys = Array.from({ length: 4 }, (_, index) => `gpu-${producerIndex}-${index}`);
        for (let sequence = 0; writing || sequence < 20; sequence += 1) {
          const records = keys.map((key) => ({ PartitionKey: key, Data: bytes(`${key}:${sequence}`) }));
          const answer = await kinesis.send(new PutRecordsCommand({ StreamName: name, Records: records }));
          assert.equal(answer.FailedRecordCount, 0);
          answer.Records!.forEach((entry, index) => acknowledged.set(entry.SequenceNumber!, `${keys[index]!}:${sequence}`));
        }
      };
      const producers = Array.from({ length: 5 }, (_, index) => producer(index));
      const pause = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 30));
      await pause();
      await kinesis.send(new SplitShardCommand({ StreamName: name, ShardToSplit: id(0), NewStartingHashKey: "85070591730234615865843651857942052864" }));
      await pause();
      await kinesis.send(new MergeShardsCommand({ StreamName: name, ShardToMerge: id(3), AdjacentShardToMerge: id(1) }));
      await pause();
      await kinesis.send(new UpdateShardCountCommand({ StreamName: name, TargetShardCount: 4, ScalingType: "UNIFORM_SCALING" }));
      await pause();
      await kinesis.send(new UpdateShardCountCommand({ StreamName: name, TargetShardCount: 3, ScalingType: "UNIFORM_SCALING" }));
      await pause();
      writing = false;
      await Promise.all(producers);

      const read = await readByLineage(kinesis, name);
      const readSequenceNumbers = read.map((record) => record.SequenceNumber!);
      assert.equal(new Set(readSequenceNumbers).size, readSequenceNumbers.length, "a record was read twice");
      assert.deepEqual([...readSequenceNumbers].sort(), [...acknowledged.keys()].sort(), "every acknowledged record, and only those");
      const lastByKey = new Map<string, number>();
      for (const record of read) {
        const [key, sequence] = text(record.Data).split(":") as [string, string];
        assert.equal(Number(sequence), (lastByKey.get(key) ?? -1) + 1, `${key} out of order`);
        lastByKey.set(key, Number(sequence));
      }
      assert.equal(lastByKey.size, 20);
      assert.ok((await shardsOf(kinesis, name)).length > 8, "the reshards happened");
    });
  });
});

describe("Kinesis resharding while UPDATING, and across a restart", () => {
  test("the parent stays open while UPDATING; the children appear when UPDATING ends (kinesalite's splitShard test)", async () => {
    const clock = new ManualClock();
    const emulator = await startTestEmulator({ now: clock.now, createStreamDelayMs: 1000 });
    try {
      const { kinesis } = emulator;
      const name = uniqueStreamName();
      await kinesis.send(new CreateStreamCommand({ StreamName: name, ShardCount: 1 }));
      clock.advance(1000);
      await kinesis.send(new SplitShardCommand({ StreamName: name, ShardToSplit: "x-0", NewStartingHashKey: "2" }));
      const during = (await kinesis.send(new DescribeStreamCommand({ StreamName: name }))).StreamDescription!;
      assert.deepEqual([during.StreamStatus, during.Shards!.length, during.Shards![0]!.SequenceNumberRange!.EndingSequenceNumber], ["UPDATING", 1, undefined]);
      await rejectsWith(
        kinesis.send(new SplitShardCommand({ StreamName: name, ShardToSplit: "shard-0", NewStartingHashKey: "2" })),
        { name: "ResourceInUseException", message: `Stream ${name} under account ${ACCOUNT} not ACTIVE, instead in state UPDATING` },
      );
      const put = await kinesis.send(new PutRecordCommand({ StreamName: name, PartitionKey: "a", Data: bytes(""), ExplicitHashKey: "1" }));
      assert.equal(put.ShardId, id(0));
      clock.advance(1000);
      const after = (await kinesis.send(new DescribeStreamCommand({ StreamName: name }))).StreamDescription!;
      assert.deepEqual([after.StreamStatus, after.Shards!.map((shard) => shard.ShardId)], ["ACTIVE", [id(0), id(1), id(2)]]);
      assert.equal(after.Shards![0]!.SequenceNumberRange!.EndingSequenceNumber, put.SequenceNumber);
    } finally {
      await emulator.close();
    }
  });

  test("a reshard survives a restart; a pending one is applied after it; orphan children's logs are removed", async () => {
    const clock = new ManualClock();
    const first = await startTestEmulator({ now: clock.now });
    const name = await createStream(first.kinesis, 2);
    await first.kinesis.send(new PutRecordCommand({ StreamName: name, PartitionKey: "a", Data: bytes("kept") }));
    await first.kinesis.send(new MergeShardsCommand({ StreamName: name, ShardToMerge: id(0), AdjacentShardToMerge: id(1) }));
    const before = await shardsOf(first.kinesis, name);
    await first.stop();
    const streamDirectory = join(first.dataDir, "kinesis", "streams", readdirSync(join(first.dataDir, "kinesis", "streams")).find((entry) => entry.startsWith(`${name}.`))!);
    writeFileSync(join(streamDirectory, `${id(9)}.log`), "");
    const second = await startTestEmulator({ now: clock.now, dataDir: first.dataDir });
    try {
      assert.deepEqual(await shardsOf(second.kinesis, name), before);
      assert.ok(!readdirSync(streamDirectory).includes(`${id(9)}.log`));
      assert.deepEqual((await readByLineage(second.kinesis, name)).map((record) => text(record.Data)), ["kept"]);
      await second.kinesis.send(new SplitShardCommand({ StreamName: name, ShardToSplit: id(2), NewStartingHashKey: "1000" }));
      assert.equal((await shardsOf(second.kinesis, name)).length, 5);
    } finally {
      await second.close();
    }
  });
});
