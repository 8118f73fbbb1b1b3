import type { PutRecordInput, PutRecordOutput } from "@aws-sdk/client-firehose";
import { operation } from "../../../server/JsonService";
import { structure } from "../../../server/shapes";
import type { DeliveryStreams } from "../DeliveryStreams";
import { directPutTarget, recordId } from "../directPutTarget";
import { deliveryStreamName, record } from "../firehoseShapes";

const input = structure({ DeliveryStreamName: deliveryStreamName, Record: record }, ["DeliveryStreamName", "Record"]);

export function putRecord(streams: DeliveryStreams) {
  return operation<PutRecordInput, PutRecordOutput, typeof input>({
    input,
    async handle(request, context) {
      const stream = directPutTarget(streams, request.DeliveryStreamName, context.accountId);
      const [logged] = await stream.worker.put([request.Record.Data!]);
      return { RecordId: recordId(stream, logged!.seq), Encrypted: stream.definition.encryption !== undefined };
    },
  });
}
