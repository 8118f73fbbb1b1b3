import type { DeregisterStreamConsumerInput } from "@aws-sdk/client-kinesis";
import { operation } from "../../../server/JsonService";
import type { NoOutput } from "../../../server/OperationTable";
import { structure } from "../../../server/shapes";
import { consumerArn, consumerName, streamArn, streamId } from "../kinesisShapes";
import type { StreamConsumers } from "../StreamConsumers";

export const deregisterStreamConsumerInput = structure({ StreamARN: streamArn, ConsumerName: consumerName, ConsumerARN: consumerArn, StreamId: streamId });

/**
 * DELETING for the emulator's createStreamDelayMs, then gone; its subscriptions end with it
 * (https://docs.aws.amazon.com/kinesis/latest/APIReference/API_DeregisterStreamConsumer.html).
 */
export function deregisterStreamConsumer(consumers: StreamConsumers) {
  return operation<DeregisterStreamConsumerInput, NoOutput, typeof deregisterStreamConsumerInput>({
    input: deregisterStreamConsumerInput,
    handle: (input) => {
      consumers.deregister(consumers.find(input));
      return {};
    },
  });
}
