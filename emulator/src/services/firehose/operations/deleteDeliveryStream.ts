import type { DeleteDeliveryStreamInput, DeleteDeliveryStreamOutput } from "@aws-sdk/client-firehose";
import { operation } from "../../../server/JsonService";
import { boolean, structure } from "../../../server/shapes";
import type { DeliveryStreams } from "../DeliveryStreams";
import { firehoseErrors } from "../firehoseErrors";
import { deliveryStreamName } from "../firehoseShapes";

const input = structure({ DeliveryStreamName: deliveryStreamName, AllowForceDelete: boolean() }, ["DeliveryStreamName"]);

export function deleteDeliveryStream(streams: DeliveryStreams) {
  return operation<DeleteDeliveryStreamInput, DeleteDeliveryStreamOutput, typeof input>({
    input,
    async handle(request, context) {
      const name = request.DeliveryStreamName;
      const stream = streams.require(name, context.accountId);
      // AWS deletes a stream that is ACTIVE (or failed), not one still CREATING.
      if (streams.isCreating(stream.definition) && request.AllowForceDelete !== true) {
        throw firehoseErrors.inUse(`Firehose ${name} under account ${context.accountId} is in CREATING state and cannot be deleted yet.`);
      }
      await streams.delete(name, context.accountId);
      return {};
    },
  });
}
