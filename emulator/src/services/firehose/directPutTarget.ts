import type { DeliveryStream, DeliveryStreams } from "./DeliveryStreams";
import { firehoseErrors } from "./firehoseErrors";

/** The delivery stream PutRecord / PutRecordBatch write to, refused as AWS refuses it. */
export function directPutTarget(streams: DeliveryStreams, name: string, accountId: string): DeliveryStream {
  const stream = streams.require(name, accountId);
  if (stream.definition.type !== "DirectPut") {
    throw firehoseErrors.invalidArgument(`This operation is not permitted on ${stream.definition.type} delivery stream type.`);
  }
  // AWS: "Attempts to send data to a delivery stream that is not in the ACTIVE state cause an exception."
  if (streams.isCreating(stream.definition)) {
    throw firehoseErrors.notFound(name, accountId);
  }
  return stream;
}

/** An opaque, unique id for a record, as PutRecord answers it. */
export function recordId(stream: DeliveryStream, logSeq: number): string {
  const id = Buffer.alloc(24);
  id.writeDoubleBE(stream.definition.createdMs, 0);
  id.writeDoubleBE(logSeq, 8);
  id.write(stream.definition.name.padEnd(8, "\0").slice(0, 8), 16, "latin1");
  return id.toString("base64url");
}
