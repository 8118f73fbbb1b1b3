// Source: the AWS query protocol as IAM and STS document it (https://docs.aws.amazon.com/IAM/latest/APIReference/CommonErrors.html)
// and the SDK's own deserializers (@aws-sdk/client-iam de_ functions), which are what a client parses.
import type { AwsError } from "../AwsError";
import type { HttpResponse } from "../HttpExchange";
import { awsRequestId } from "../requestIds";
import { escapeXml } from "./xmlDocument";

/** A query-protocol answer: the XML document with its prologue, and the request id header. */
export function xmlResponse(statusCode: number, body: string, requestId: string): HttpResponse {
  return { statusCode, headers: { "content-type": "text/xml", "x-amzn-requestid": requestId }, body: `<?xml version="1.0" encoding="UTF-8"?>\n${body}` };
}

/**
 * The query protocol's error document, `Type` Sender for the client's faults and Receiver for ours (IAM API
 * reference, "Common Errors"; the SDK reads `Error.Code` and `Error.Message`).
 */
export function queryErrorResponse(error: AwsError, xmlNamespace: string | undefined, requestId: string = awsRequestId()): HttpResponse {
  const type = error.statusCode >= 500 ? "Receiver" : "Sender";
  const namespace = xmlNamespace === undefined ? "" : ` xmlns="${xmlNamespace}"`;
  const body =
    `<ErrorResponse${namespace}><Error><Type>${type}</Type><Code>${escapeXml(error.code)}</Code><Message>${escapeXml(error.message)}</Message></Error>` +
    `<RequestId>${requestId}</RequestId></ErrorResponse>`;
  return xmlResponse(error.statusCode, body, requestId);
}
