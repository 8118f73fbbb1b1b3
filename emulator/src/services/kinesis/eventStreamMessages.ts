import { EventStreamCodec } from "@smithy/core/event-streams";

/**
 * AWS's event stream encoding (`application/vnd.amazon.eventstream`: prelude, headers, payload, CRC32s), written with
 * the codec the SDK decodes it with (@smithy/core's event-streams). Each message of SubscribeToShard's answer has the
 * headers the SDK reads (@smithy/core event-streams getMessageUnmarshaller and EventStreamSerde): `:message-type`
 * `event` with `:event-type` (`initial-response` first, then `SubscribeToShardEvent`), or `exception` with
 * `:exception-type` (ResourceInUseException, ...), and a JSON 1.1 payload.
 */
export const EVENT_STREAM_CONTENT_TYPE = "application/vnd.amazon.eventstream";

const codec = new EventStreamCodec(
  (bytes) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8"),
  (text) => Buffer.from(text, "utf8"),
);

const JSON_PAYLOAD = { type: "string", value: "application/x-amz-json-1.1" } as const;

export function eventMessage(eventType: string, payloadJson: string): Uint8Array {
  return codec.encode({
    headers: { ":event-type": { type: "string", value: eventType }, ":message-type": { type: "string", value: "event" }, ":content-type": JSON_PAYLOAD },
    body: Buffer.from(payloadJson, "utf8"),
  });
}

/** An error after the answer began: the SDK throws it from the event stream's iterator as the modeled exception. */
export function exceptionMessage(code: string, message: string): Uint8Array {
  return codec.encode({
    headers: { ":exception-type": { type: "string", value: code }, ":message-type": { type: "string", value: "exception" }, ":content-type": JSON_PAYLOAD },
    body: Buffer.from(JSON.stringify({ message }), "utf8"),
  });
}
