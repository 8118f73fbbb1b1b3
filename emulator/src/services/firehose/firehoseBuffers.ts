import type { HttpRequest, HttpResponse } from "../../protocol/HttpExchange";
import type { DeliveryStatus } from "./DeliveryStreamWorker";

/** What each delivery stream buffers and has delivered since the emulator started. Not AWS. */
export interface FirehoseBuffersReport {
  readonly deliveryStreams: readonly FirehoseBufferStatus[];
}

/** A delivery stream's status with its times as ISO 8601 text, as the endpoint answers it. */
export interface FirehoseBufferStatus {
  readonly deliveryStreamName: string;
  readonly bufferedRecords: number;
  readonly bufferedBytes: number;
  /** When the buffering interval delivers the buffer, if it holds anything. */
  readonly nextDelivery?: string;
  readonly objectsDelivered: number;
  readonly recordsDelivered: number;
  readonly bytesDelivered: number;
  readonly lastDelivery?: string;
  readonly error?: { readonly code: string; readonly message: string };
}

export function firehoseBuffersReport(statuses: readonly DeliveryStatus[]): FirehoseBuffersReport {
  return {
    deliveryStreams: statuses.map(({ nextDeliveryMs, lastDeliveryMs, ...status }) => ({
      ...status,
      ...(nextDeliveryMs === undefined ? {} : { nextDelivery: new Date(nextDeliveryMs).toISOString() }),
      ...(lastDeliveryMs === undefined ? {} : { lastDelivery: new Date(lastDeliveryMs).toISOString() }),
    })),
  };
}

/**
 * `GET /_emulator/firehose/buffers[?name=<DeliveryStreamName>]` (not AWS, read only): what each delivery
 * stream buffers and has delivered, for a live view of the pipeline. AWS exposes neither figure.
 */
export function firehoseBuffersRoute(request: HttpRequest, buffers: () => FirehoseBuffersReport): HttpResponse {
  request.body.resume();
  const json = (statusCode: number, body: unknown): HttpResponse => ({ statusCode, headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  if (request.method !== "GET" && request.method !== "HEAD") {
    return json(405, { message: "GET /_emulator/firehose/buffers[?name=<DeliveryStreamName>] answers what Firehose buffers" });
  }
  const name = new URL(request.url, "http://emulator").searchParams.get("name");
  const report = buffers();
  if (name === null) {
    return json(200, report);
  }
  const found = report.deliveryStreams.filter((stream) => stream.deliveryStreamName === name);
  return found.length === 0 ? json(404, { __type: "ResourceNotFoundException", message: `no delivery stream ${name}` }) : json(200, { deliveryStreams: found });
}
