import type { DescribeStreamConsumerInput, DescribeStreamConsumerOutput } from "@aws-sdk/client-kinesis";
import { operation } from "../../../server/JsonService";
import { structure } from "../../../server/shapes";
import { consumerArn, consumerName, streamArn, streamId } from "../kinesisShapes";
import type { StreamConsumers } from "../StreamConsumers";

export const describeStreamConsumerInput = structure({ StreamARN: streamArn, ConsumerName: consumerName, ConsumerARN: consumerArn, StreamId: streamId });

/** The consumer named by its ARN, or by its stream's ARN and its name (https://docs.aws.amazon.com/kinesis/latest/APIReference/API_DescribeStreamConsumer.html). */
export function describeStreamConsumer(consumers: StreamConsumers) {
  return operation<DescribeStreamConsumerInput, DescribeStreamConsumerOutput, typeof describeStreamConsumerInput>({
    input: describeStreamConsumerInput,
    handle: (input) => ({ ConsumerDescription: consumers.describe(consumers.find(input)) }),
  });
}
