import type { ListDeliveryStreamsInput, ListDeliveryStreamsOutput } from "@aws-sdk/client-firehose";
import { operation } from "../../../server/JsonService";
import { integer, structure } from "../../../server/shapes";
import type { DeliveryStreams } from "../DeliveryStreams";
import { deliveryStreamName, deliveryStreamType } from "../firehoseShapes";

const input = structure({
  Limit: integer({ min: 1, max: 10_000 }),
  DeliveryStreamType: deliveryStreamType,
  ExclusiveStartDeliveryStreamName: deliveryStreamName,
});

/** AWS lists 10 names when Limit is absent. */
const DEFAULT_LIMIT = 10;

export function listDeliveryStreams(streams: DeliveryStreams) {
  return operation<ListDeliveryStreamsInput, ListDeliveryStreamsOutput, typeof input>({
    input,
    handle(request) {
      const start = request.ExclusiveStartDeliveryStreamName;
      const names = streams
        .all()
        .filter((stream) => request.DeliveryStreamType === undefined || stream.definition.type === request.DeliveryStreamType)
        .map((stream) => stream.definition.name)
        .filter((name) => start === undefined || name > start);
      const limit = request.Limit ?? DEFAULT_LIMIT;
      return { DeliveryStreamNames: names.slice(0, limit), HasMoreDeliveryStreams: names.length > limit };
    },
  });
}
