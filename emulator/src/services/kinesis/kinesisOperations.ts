import { addTagsToStream } from "./operations/addTagsToStream";
import { createStream } from "./operations/createStream";
import { decreaseStreamRetentionPeriod } from "./operations/decreaseStreamRetentionPeriod";
import { deleteResourcePolicy } from "./operations/deleteResourcePolicy";
import { deleteStream } from "./operations/deleteStream";
import { describeLimits } from "./operations/describeLimits";
import { describeStream } from "./operations/describeStream";
import { describeStreamSummary } from "./operations/describeStreamSummary";
import { getRecords } from "./operations/getRecords";
import { getResourcePolicy } from "./operations/getResourcePolicy";
import { getShardIterator } from "./operations/getShardIterator";
import { increaseStreamRetentionPeriod } from "./operations/increaseStreamRetentionPeriod";
import { listShards } from "./operations/listShards";
import { listStreams } from "./operations/listStreams";
import { listTagsForStream } from "./operations/listTagsForStream";
import { mergeShards } from "./operations/mergeShards";
import { putRecord } from "./operations/putRecord";
import { putRecords } from "./operations/putRecords";
import { putResourcePolicy } from "./operations/putResourcePolicy";
import { removeTagsFromStream } from "./operations/removeTagsFromStream";
import { splitShard } from "./operations/splitShard";
import { updateShardCount } from "./operations/updateShardCount";
import { deregisterStreamConsumer } from "./operations/deregisterStreamConsumer";
import { describeStreamConsumer } from "./operations/describeStreamConsumer";
import { listStreamConsumers } from "./operations/listStreamConsumers";
import { registerStreamConsumer } from "./operations/registerStreamConsumer";
import { subscribeToShard } from "./operations/subscribeToShard";
import type { ShardSubscriptions } from "./ShardSubscriptions";
import type { StreamConsumers } from "./StreamConsumers";
import type * as Kinesis from "@aws-sdk/client-kinesis";
import type { OperationName, OperationTable } from "../../server/OperationTable";
import type { StreamStore } from "./StreamStore";

/** The operations the emulator answers, by the SDK's names: a misspelled name or output field is a compile error. */
export function kinesisOperations(store: StreamStore, consumers: StreamConsumers, subscriptions: ShardSubscriptions) {
  return {
    AddTagsToStream: addTagsToStream(store),
    CreateStream: createStream(store),
    DecreaseStreamRetentionPeriod: decreaseStreamRetentionPeriod(store),
    DeleteResourcePolicy: deleteResourcePolicy(store, consumers),
    DeleteStream: deleteStream(store),
    DeregisterStreamConsumer: deregisterStreamConsumer(consumers),
    DescribeLimits: describeLimits(store),
    DescribeStream: describeStream(store),
    DescribeStreamConsumer: describeStreamConsumer(consumers),
    DescribeStreamSummary: describeStreamSummary(store),
    GetRecords: getRecords(store),
    GetResourcePolicy: getResourcePolicy(store, consumers),
    GetShardIterator: getShardIterator(store),
    IncreaseStreamRetentionPeriod: increaseStreamRetentionPeriod(store),
    ListShards: listShards(store),
    ListStreamConsumers: listStreamConsumers(store, consumers),
    ListStreams: listStreams(store),
    ListTagsForStream: listTagsForStream(store),
    MergeShards: mergeShards(store),
    PutRecord: putRecord(store),
    PutRecords: putRecords(store),
    PutResourcePolicy: putResourcePolicy(store, consumers),
    RegisterStreamConsumer: registerStreamConsumer(store, consumers),
    RemoveTagsFromStream: removeTagsFromStream(store),
    SplitShard: splitShard(store),
    SubscribeToShard: subscribeToShard(store, consumers, subscriptions),
    UpdateShardCount: updateShardCount(store),
  } satisfies OperationTable<typeof Kinesis>;
}

/**
 * Every operation of the Kinesis API (a record, so a new SDK operation is a compile error here until it is
 * listed): those without a handler answer 501 naming themselves.
 */
const API_OPERATIONS: Record<OperationName<typeof Kinesis>, true> = {
  AddTagsToStream: true,
  CreateChannel: true,
  CreateStream: true,
  DecreaseStreamRetentionPeriod: true,
  DeleteChannel: true,
  DeleteResourcePolicy: true,
  DeleteStream: true,
  DeregisterStreamConsumer: true,
  DescribeAccountSettings: true,
  DescribeChannel: true,
  DescribeLimits: true,
  DescribeStream: true,
  DescribeStreamConsumer: true,
  DescribeStreamSummary: true,
  DisableEnhancedMonitoring: true,
  EnableEnhancedMonitoring: true,
  GetRecords: true,
  GetResourcePolicy: true,
  GetShardIterator: true,
  IncreaseStreamRetentionPeriod: true,
  ListChannels: true,
  ListShards: true,
  ListStreamConsumers: true,
  ListStreams: true,
  ListTagsForResource: true,
  ListTagsForStream: true,
  MergeShards: true,
  PutRecord: true,
  PutRecords: true,
  PutResourcePolicy: true,
  RegisterStreamConsumer: true,
  RemoveTagsFromStream: true,
  SplitShard: true,
  StartStreamEncryption: true,
  StopStreamEncryption: true,
  SubscribeToShard: true,
  TagResource: true,
  UntagResource: true,
  UpdateAccountSettings: true,
  UpdateChannel: true,
  UpdateMaxRecordSize: true,
  UpdateShardCount: true,
  UpdateStreamMode: true,
  UpdateStreamRecordDistributionStrategy: true,
  UpdateStreamWarmThroughput: true,
};

export const kinesisApiOperations: readonly string[] = Object.keys(API_OPERATIONS);
