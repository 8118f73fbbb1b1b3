import type { Tag, TagDeliveryStreamInput, TagDeliveryStreamOutput } from "@aws-sdk/client-firehose";
import { operation } from "../../../server/JsonService";
import { structure } from "../../../server/shapes";
import type { DeliveryStreams } from "../DeliveryStreams";
import { firehoseErrors } from "../firehoseErrors";
import { deliveryStreamName, tagList } from "../firehoseShapes";

/** A delivery stream has at most 50 tags. */
export const MAX_TAGS = 50;

const input = structure({ DeliveryStreamName: deliveryStreamName, Tags: tagList }, ["DeliveryStreamName", "Tags"]);

export function tagDeliveryStream(streams: DeliveryStreams) {
  return operation<TagDeliveryStreamInput, TagDeliveryStreamOutput, typeof input>({
    input,
    async handle(request, context) {
      const name = request.DeliveryStreamName;
      await streams.updateTags(name, context.accountId, (tags) => {
        const merged = new Map(tags.map((tag) => [tag.Key!, tag]));
        for (const tag of request.Tags) {
          merged.set(tag.Key!, { Key: tag.Key!, Value: tag.Value ?? "" });
        }
        if (merged.size > MAX_TAGS) {
          throw firehoseErrors.limitExceeded(`Firehose ${name} under account ${context.accountId} would have ${merged.size} tags; the limit is ${MAX_TAGS}.`);
        }
        return [...merged.values()] as Tag[];
      });
      return {};
    },
  });
}
