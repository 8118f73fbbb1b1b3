import type { RegisterStreamConsumerInput, RegisterStreamConsumerOutput } from "@aws-sdk/client-kinesis";
import { operation } from "../../../server/JsonService";
import { structure } from "../../../server/shapes";
import { consumerName, streamArn, streamId, tagMap } from "../kinesisShapes";
import type { StreamConsumers } from "../StreamConsumers";
import type { StreamStore } from "../StreamStore";

export const registerStreamConsumerInput = structure({ StreamARN: streamArn, ConsumerName: consumerName, StreamId: streamId, Tags: tagMap }, ["StreamARN", "ConsumerName"]);

/**
 * Registers an enhanced fan-out consumer, CREATING for the emulator's createStreamDelayMs, then ACTIVE
 * (https://docs.aws.amazon.com/kinesis/latest/APIReference/API_RegisterStreamConsumer.html). Tags are kept with it.
 */
export function registerStreamConsumer(store: StreamStore, consumers: StreamConsumers) {
  return operation<RegisterStreamConsumerInput, RegisterStreamConsumerOutput, typeof registerStreamConsumerInput>({
    input: registerStreamConsumerInput,
    handle: (input) => {
      const stream = store.getActive(store.streamNameOf({ StreamARN: input.StreamARN }));
      return { Consumer: consumers.summary(consumers.register(stream, input.ConsumerName, input.Tags)) };
    },
  });
}
