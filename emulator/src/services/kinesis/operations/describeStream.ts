import type { DescribeStreamInput, DescribeStreamOutput } from "@aws-sdk/client-kinesis";
import { operation } from "../../../server/JsonService";
import { integer, structure } from "../../../server/shapes";
import { describeShard } from "../describeShard";
import { shardId, streamReference } from "../kinesisShapes";
import type { StreamStore } from "../StreamStore";

export const describeStreamInput = structure({
  ...streamReference,
  Limit: integer({ min: 1, max: 10000 }),
  ExclusiveStartShardId: shardId,
});

const DEFAULT_LIMIT = 100;

export function describeStream(store: StreamStore) {
  return operation<DescribeStreamInput, DescribeStreamOutput, typeof describeStreamInput>({
    input: describeStreamInput,
    handle: (input) => {
      const stream = store.get(store.streamNameOf(input));
      const status = stream.visibleStatus(store.now());
      // A stream shows its shards once it is ACTIVE.
      const shards = status === "CREATING" ? [] : stream.listedShards(store.now()).filter((shard) => input.ExclusiveStartShardId === undefined || shard.id > input.ExclusiveStartShardId);
      const page = shards.slice(0, input.Limit ?? DEFAULT_LIMIT);
      return {
        StreamDescription: {
          StreamName: stream.name,
          StreamARN: store.streamArn(stream.name),
          StreamStatus: status,
          StreamModeDetails: { StreamMode: stream.mode },
          Shards: page.map(describeShard),
          HasMoreShards: page.length < shards.length,
          RetentionPeriodHours: stream.retentionHours,
          StreamCreationTimestamp: new Date(stream.createdMs),
          EnhancedMonitoring: [{ ShardLevelMetrics: [] }],
          EncryptionType: "NONE",
        },
      };
    },
  });
}
