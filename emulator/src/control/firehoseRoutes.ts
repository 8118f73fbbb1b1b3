import { AwsError } from "../protocol/AwsError";
import type { HttpRequest, HttpResponse } from "../protocol/HttpExchange";
import type { ControlRefusal, FirehoseBuffersReport, FirehoseFlushReport } from "./controlAnswers";
import { controlResponse } from "./controlResponse";

function nameParameter(request: HttpRequest): string | null {
  return new URL(request.url, "http://emulator").searchParams.get("name");
}

/**
 * `POST /_emulator/firehose/flush[?name=<DeliveryStreamName>]` (not AWS): delivers the buffers now and answers
 * what was delivered, per delivery stream.
 */
export async function flushFirehoseRoute(request: HttpRequest, flush: (name?: string) => Promise<FirehoseFlushReport>): Promise<HttpResponse> {
  request.body.resume();
  if (request.method !== "POST") {
    return controlResponse<ControlRefusal>(405, { message: "POST /_emulator/firehose/flush[?name=<DeliveryStreamName>] delivers Firehose buffers now" });
  }
  const name = nameParameter(request) ?? undefined;
  try {
    return controlResponse<FirehoseFlushReport>(200, await flush(name));
  } catch (error) {
    if (error instanceof AwsError) {
      return controlResponse<ControlRefusal>(error.code === "ResourceNotFoundException" ? 404 : error.statusCode, { __type: error.code, message: error.message });
    }
    throw error;
  }
}

/**
 * `GET /_emulator/firehose/buffers[?name=<DeliveryStreamName>]` (not AWS, read only): what each delivery
 * stream buffers and has delivered, for a live view of the pipeline. AWS exposes neither figure.
 */
export function firehoseBuffersRoute(request: HttpRequest, buffers: () => FirehoseBuffersReport): HttpResponse {
  request.body.resume();
  if (request.method !== "GET" && request.method !== "HEAD") {
    return controlResponse<ControlRefusal>(405, { message: "GET /_emulator/firehose/buffers[?name=<DeliveryStreamName>] answers what Firehose buffers" });
  }
  const name = nameParameter(request);
  const report = buffers();
  if (name === null) {
    return controlResponse<FirehoseBuffersReport>(200, report);
  }
  const found = report.deliveryStreams.filter((stream) => stream.deliveryStreamName === name);
  return found.length === 0
    ? controlResponse<ControlRefusal>(404, { __type: "ResourceNotFoundException", message: `no delivery stream ${name}` })
    : controlResponse<FirehoseBuffersReport>(200, { deliveryStreams: found });
}
