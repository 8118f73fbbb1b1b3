import type { SubscribeToShardInput, SubscribeToShardOutput } from "@aws-sdk/client-kinesis";
import { StreamedAnswer } from "../../../protocol/awsJson/StreamedAnswer";
import { operation } from "../../../server/JsonService";
import { boolean, string, structure, timestamp } from "../../../server/shapes";
import { EVENT_STREAM_CONTENT_TYPE } from "../eventStreamMessages";
import { shardNotFound, shardNotRead } from "../kinesisErrors";
import { consumerArn, sequenceNumber, shardId, streamId } from "../kinesisShapes";
import type { ShardSubscriptions } from "../ShardSubscriptions";
import { shardIdOf, shardIndexOf } from "../Stream";
import type { StreamConsumers } from "../StreamConsumers";
import type { StreamStore } from "../StreamStore";
import { startingPosition } from "./getShardIterator";

export const subscribeToShardInput = structure(
  {
    ConsumerARN: consumerArn,
    StreamId: streamId,
    ShardId: shardId,
    StartingPosition: structure(
      {
        Type: string({ enum: ["AT_SEQUENCE_NUMBER", "AFTER_SEQUENCE_NUMBER", "TRIM_HORIZON", "LATEST", "AT_TIMESTAMP"] }),
        SequenceNumber: sequenceNumber,
        Timestamp: timestamp(),
      },
      ["Type"],
    ),
    DryRun: boolean(),
  },
  ["ConsumerARN", "ShardId", "StartingPosition"],
);

/**
 * Answers with an HTTP/2 event stream of the shard's records (https://docs.aws.amazon.com/kinesis/latest/APIReference/API_SubscribeToShard.html):
 * what can be refused before it starts (consumer missing or not ACTIVE, shard missing, a bad starting position, a
 * second subscription within 5 seconds) is an ordinary JSON error; ShardSubscriptions.ts writes the events.
 */
export function subscribeToShard(store: StreamStore, consumers: StreamConsumers, subscriptions: ShardSubscriptions) {
  return operation<SubscribeToShardInput, SubscribeToShardOutput, typeof subscribeToShardInput>({
    input: subscribeToShardInput,
    handle: async (input) => {
      const consumer = consumers.findActive(input.ConsumerARN);
      const streamName = consumer.stream.name;
      const index = shardIndexOf(input.ShardId);
      if (index === undefined) {
        throw shardNotRead(input.ShardId, streamName, store.accountId);
      }
      const stream = store.getForRecords(streamName);
      const shard = stream.shardById(input.ShardId);
      if (shard === undefined) {
        throw shardNotFound(shardIdOf(index), streamName, store.accountId);
      }
      const { Type: type, SequenceNumber: startingSequenceNumber, Timestamp: startingTimestamp } = input.StartingPosition;
      const position = await startingPosition(
        store,
        stream,
        shard,
        { ShardId: shard.id, ShardIteratorType: type, StartingSequenceNumber: startingSequenceNumber, Timestamp: startingTimestamp },
        "SubscribeToShard",
      );
      return new StreamedAnswer(EVENT_STREAM_CONTENT_TYPE, subscriptions.open(consumer, shard, position));
    },
  });
}
