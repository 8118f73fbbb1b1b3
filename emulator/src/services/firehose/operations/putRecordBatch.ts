import type { PutRecordBatchInput, PutRecordBatchOutput } from "@aws-sdk/client-firehose";
import { operation } from "../../../server/JsonService";
import { list, structure } from "../../../server/shapes";
import type { DeliveryStreams } from "../DeliveryStreams";
import { directPutTarget, recordId } from "../directPutTarget";
import { firehoseErrors } from "../firehoseErrors";
import { deliveryStreamName, record } from "../firehoseShapes";

/** PutRecordBatch takes up to 500 records and 4 MiB in all (each record up to 1,000 KiB, in the shape). */
const MAX_BATCH_BYTES = 4 * 1024 * 1024;

const input = structure({ DeliveryStreamName: deliveryStreamName, Records: list(record, { min: 1, max: 500 }) }, ["DeliveryStreamName", "Records"]);

export function putRecordBatch(streams: DeliveryStreams) {
  return operation<PutRecordBatchInput, PutRecordBatchOutput, typeof input>({
    input,
    async handle(request, context) {
      const stream = directPutTarget(streams, request.DeliveryStreamName, context.accountId);
      const data = request.Records.map((entry) => entry.Data!);
      const bytes = data.reduce((total, item) => total + item.length, 0);
      if (bytes > MAX_BATCH_BYTES) {
        throw firehoseErrors.invalidArgument(`Records size ${bytes} bytes exceeds the limit of ${MAX_BATCH_BYTES} bytes (4 MiB) for a PutRecordBatch request.`);
      }
      const logged = await stream.worker.put(data);
      return {
        FailedPutCount: 0,
        Encrypted: stream.definition.encryption !== undefined,
        RequestResponses: logged.map((entry) => ({ RecordId: recordId(stream, entry.seq) })),
      };
    },
  });
}
