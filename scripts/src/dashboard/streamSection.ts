import { DescribeStreamSummaryCommand, ListShardsCommand, type KinesisClient } from "@aws-sdk/client-kinesis";
import type { ConsumerStats, Section, StreamState } from "./page/dashboardWire";
import { stateSection } from "./stateSection";

/** The data stream: DescribeStreamSummary and its open shards (ListShards AT_LATEST), with what the dashboard's own reader sees. */
export function streamSection(kinesis: KinesisClient, streamName: string, consumer: ConsumerStats): Promise<Section<StreamState>> {
  return stateSection(`stream ${streamName} does not exist yet: set-up creates it`, async () => {
    const { StreamDescriptionSummary: summary } = await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: streamName }));
    const { Shards: shards = [] } = await kinesis.send(new ListShardsCommand({ StreamName: streamName, ShardFilter: { Type: "AT_LATEST" } }));
    return {
      streamStatus: summary?.StreamStatus ?? "UNKNOWN",
      capacityMode: summary?.StreamModeDetails?.StreamMode ?? "PROVISIONED",
      openShards: summary?.OpenShardCount ?? shards.length,
      shardIds: shards.flatMap((shard) => (shard.ShardId === undefined ? [] : [shard.ShardId])),
      retentionHours: summary?.RetentionPeriodHours ?? 24,
      consumer,
    };
  });
}
