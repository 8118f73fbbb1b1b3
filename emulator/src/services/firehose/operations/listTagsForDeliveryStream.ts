import type { ListTagsForDeliveryStreamInput, ListTagsForDeliveryStreamOutput } from "@aws-sdk/client-firehose";
import { operation } from "../../../server/JsonService";
import { integer, structure } from "../../../server/shapes";
import type { DeliveryStreams } from "../DeliveryStreams";
import { deliveryStreamName, tagKey } from "../firehoseShapes";

const input = structure(
  { DeliveryStreamName: deliveryStreamName, ExclusiveStartTagKey: tagKey, Limit: integer({ min: 1, max: 50 }) },
  ["DeliveryStreamName"],
);

export function listTagsForDeliveryStream(streams: DeliveryStreams) {
  return operation<ListTagsForDeliveryStreamInput, ListTagsForDeliveryStreamOutput, typeof input>({
    input,
    handle(request, context) {
      const tags = [...streams.require(request.DeliveryStreamName, context.accountId).definition.tags].sort((a, b) => (a.Key! < b.Key! ? -1 : 1));
      const start = request.ExclusiveStartTagKey;
      const after = start === undefined ? tags : tags.filter((tag) => tag.Key! > start);
      const limit = request.Limit ?? 50;
      return { Tags: after.slice(0, limit), HasMoreTags: after.length > limit };
    },
  });
}
