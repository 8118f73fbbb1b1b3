import type { UntagDeliveryStreamInput, UntagDeliveryStreamOutput } from "@aws-sdk/client-firehose";
import { operation } from "../../../server/JsonService";
import { list, structure } from "../../../server/shapes";
import type { DeliveryStreams } from "../DeliveryStreams";
import { deliveryStreamName, tagKey } from "../firehoseShapes";

const input = structure({ DeliveryStreamName: deliveryStreamName, TagKeys: list(tagKey, { min: 1, max: 50 }) }, ["DeliveryStreamName", "TagKeys"]);

export function untagDeliveryStream(streams: DeliveryStreams) {
  return operation<UntagDeliveryStreamInput, UntagDeliveryStreamOutput, typeof input>({
    input,
    async handle(request, context) {
      const removed = new Set(request.TagKeys);
      await streams.updateTags(request.DeliveryStreamName, context.accountId, (tags) => tags.filter((tag) => !removed.has(tag.Key!)));
      return {};
    },
  });
}
