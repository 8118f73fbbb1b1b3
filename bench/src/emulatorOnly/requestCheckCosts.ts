import type { IncomingHttpHeaders } from "node:http";
import { Readable } from "node:stream";
import type { HttpRequest } from "@gpu-stream/emulator/internal/protocol/HttpExchange";
import { requestSite } from "@gpu-stream/emulator/internal/server/crossOrigin";
import { createHostCheck } from "@gpu-stream/emulator/internal/server/hostCheck";
import { hostGate, type GateRequest } from "@gpu-stream/emulator/internal/server/hostGate";
import type { OperationCost } from "./EmulatorOnlyResults";
import { measureOperation, type OperationTiming } from "./measureOperation";

const PORT = 4566;

/** The headers of a PutRecords the SDK sends over HTTP/1.1 (signature and ids as long as the real ones). */
function sdkHeaders(host: string): IncomingHttpHeaders {
  return {
    host,
    "content-type": "application/x-amz-json-1.1",
    "x-amz-target": "Kinesis_20131202.PutRecords",
    "x-amz-user-agent": "aws-sdk-js/3.893.0",
    "user-agent": "aws-sdk-js/3.893.0 ua/2.1 os/linux#6.18 lang/js md/nodejs#20.20.2 api/kinesis#3.893.0 m/E",
    "amz-sdk-invocation-id": "4a3c6bd4-7f1e-4a5b-9c51-2d0f7f7a9c1e",
    "amz-sdk-request": "attempt=1; max=3",
    "x-amz-date": "20261128T062932Z",
    "x-amz-content-sha256": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    authorization:
      "AWS4-HMAC-SHA256 Credential=test/20261128/us-east-1/kinesis/aws4_request, SignedHeaders=amz-sdk-invocation-id;amz-sdk-request;content-length;content-type;host;x-amz-content-sha256;x-amz-date;x-amz-target;x-amz-user-agent, Signature=0f5b3c7d9e1a2b4c6d8e0f1a3b5c7d9e1f2a4b6c8d0e2f4a6b8c0d2e4f6a8b0c",
    "content-length": "57840",
    connection: "keep-alive",
  };
}

/** A fetch from the emulator's own dashboard page: the browser adds Origin (its own) and Sec-Fetch-*. */
function browserHeaders(host: string): IncomingHttpHeaders {
  return { ...sdkHeaders(host), origin: `http://${host}`, "sec-fetch-site": "same-origin", "sec-fetch-mode": "cors", "sec-fetch-dest": "empty" };
}

function gateRequest(headers: IncomingHttpHeaders): GateRequest {
  return { url: "/", headers, hostLines: [String(headers.host)] };
}

function httpRequest(headers: IncomingHttpHeaders): HttpRequest {
  return { method: "POST", url: "/", headers, body: Readable.from([]), httpVersion: "1.1" };
}

/**
 * What every request pays before any service sees it: the Host check against DNS rebinding (server/hostGate.ts, as
 * start.ts builds it) and the cross-origin check (server/crossOrigin.ts, requestSite, asked by the router and by
 * S3's CORS), on the headers of an SDK request and of a same-origin browser request.
 */
export function measureRequestCheckCosts(timing: OperationTiming): OperationCost[] {
  const gate = hostGate(createHostCheck({ listenHost: "127.0.0.1", allowHosts: [] }), () => undefined);
  const sdk = sdkHeaders(`127.0.0.1:${PORT}`);
  const browser = browserHeaders(`localhost:${PORT}`);
  const sdkGate = gateRequest(sdk);
  const browserGate = gateRequest(browser);
  const sdkRequest = httpRequest(sdk);
  const browserRequest = httpRequest(browser);
  return [
    measureOperation("Host check, SDK request (Host 127.0.0.1:port)", timing, () => gate(sdkGate)),
    measureOperation("Host check, browser request (Host localhost:port)", timing, () => gate(browserGate)),
    measureOperation("Cross-origin check, SDK request (no Origin)", timing, () => requestSite(sdkRequest)),
    measureOperation("Cross-origin check, same-origin browser request (Origin, Sec-Fetch-Site)", timing, () => requestSite(browserRequest)),
    measureOperation("Both checks, SDK request", timing, () => gate(sdkGate) ?? requestSite(sdkRequest)),
  ];
}
