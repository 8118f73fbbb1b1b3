import type { DescribeStreamSummaryInput, DescribeStreamSummaryOutput } from "@aws-sdk/client-kinesis";
import { operation } from "../../../server/JsonService";
import { structure } from "../../../server/shapes";
import { streamReference } from "../kinesisShapes";
import { consumerStatus } from "../StreamConsumers";
import type { StreamStore } from "../StreamStore";

export const describeStreamSummaryInput = structure({ ...streamReference });

export function describeStreamSummary(store: StreamStore) {
  return operation<DescribeStreamSummaryInput, DescribeStreamSummaryOutput, typeof describeStreamSummaryInput>({
    input: describeStreamSummaryInput,
    handle: (input) => {
      const stream = store.get(store.streamNameOf(input));
      const status = stream.visibleStatus(store.now());
      return {
        StreamDescriptionSummary: {
          StreamName: stream.name,
          StreamARN: store.streamArn(stream.name),
          StreamStatus: status,
          StreamModeDetails: { StreamMode: stream.mode },
          RetentionPeriodHours: stream.retentionHours,
          StreamCreationTimestamp: new Date(stream.createdMs),
          EnhancedMonitoring: [{ ShardLevelMetrics: [] }],
          EncryptionType: "NONE",
          OpenShardCount: status === "CREATING" ? 0 : stream.openShardCount(),
          ConsumerCount: stream.consumers.filter((consumer) => consumerStatus(consumer, store.now()) !== "GONE").length,
        },
      };
    },
  });
}
