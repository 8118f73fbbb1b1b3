import { AwsError, storageUnavailable } from "../../protocol/AwsError";
import { requestSite } from "../../server/crossOrigin";
import type { HttpRequest, HttpResponse } from "../../protocol/HttpExchange";
import { MAX_UPLOAD_BYTES } from "./body/receiveBody";
import { answerPreflight } from "./cors/answerPreflight";
import { crossOriginHeaders } from "./cors/crossOriginHeaders";
import { notImplemented, s3Error } from "../../protocol/restXml/s3Errors";
import type { S3Context } from "./protocol/S3Operation";
import { parseS3Request, type S3Request } from "./protocol/S3Request";
import { toErrorResponse, toHttpResponse, type S3Result } from "../../protocol/restXml/S3Result";
import { S3_OPERATIONS, resolveOperation } from "./s3Operations";
import type { FileObjectStore } from "./storage/FileObjectStore";
import type { FileUploadStore } from "./storage/FileUploadStore";

/** S3 keys are at most 1024 bytes of UTF-8. */
const MAX_KEY_BYTES = 1024;

export interface S3RestOptions {
  readonly region: string;
  /** Largest PutObject or UploadPart body; S3's 5 GiB unless a test wants less. */
  readonly maxUploadBytes?: number;
  /** Injected fault (not AWS): true while CreateBucket must answer 409 OperationAborted. */
  readonly createBucketAborted?: () => boolean;
  readonly log: (message: string) => void;
}

function requestId(): string {
  return crypto.randomUUID().replace(/-/g, "").slice(0, 16).toUpperCase();
}

/** S3's REST-XML face over the service's stores: every request without an X-Amz-Target comes here. */
export function s3RestHandler(store: FileObjectStore, uploads: FileUploadStore, options: S3RestOptions): (http: HttpRequest) => Promise<HttpResponse> {
  const context: S3Context = { store, uploads, region: options.region, maxUploadBytes: options.maxUploadBytes ?? MAX_UPLOAD_BYTES, createBucketAborted: options.createBucketAborted ?? (() => false) };

  const runOperation = async (request: S3Request): Promise<S3Result> => {
    if (request.key !== undefined && Buffer.byteLength(request.key, "utf8") > MAX_KEY_BYTES) {
      throw s3Error("KeyTooLongError", undefined, { Size: Buffer.byteLength(request.key, "utf8"), MaxSizeAllowed: MAX_KEY_BYTES });
    }
    const name = resolveOperation(request);
    const operation = (S3_OPERATIONS as Record<string, (typeof S3_OPERATIONS)[keyof typeof S3_OPERATIONS] | undefined>)[name];
    if (operation === undefined) {
      throw notImplemented(name);
    }
    return operation(request, context);
  };

  return async (http: HttpRequest): Promise<HttpResponse> => {
    const id = requestId();
    let response: HttpResponse;
    // Added to the answer, errors included, once the bucket's CORS allows the page's origin.
    let corsHeaders: Record<string, string | number> = {};
    try {
      const request = parseS3Request(http, id);
      if (request.method === "OPTIONS") {
        response = toHttpResponse(answerPreflight(request, store), id);
      } else {
        corsHeaders = crossOriginHeaders(request, requestSite(http), store);
        response = toHttpResponse(await runOperation(request), id);
      }
    } catch (error) {
      if (!(error instanceof AwsError)) {
        options.log(`s3: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      }
      const answer = error instanceof AwsError ? (error.code === "InternalFailure" ? s3Error("InternalError") : error) : (storageUnavailable(error) ?? s3Error("InternalError"));
      response = toErrorResponse(answer, id, http.method.toUpperCase());
    }
    response = { ...response, headers: { ...response.headers, ...corsHeaders } };
    if (!http.body.readableEnded) {
      http.body.resume();
      // Answered before the whole body arrived (an error, mostly): on HTTP/1.1 close the connection rather
      // than read what may be gigabytes nobody wants.
      if ((http.body as { complete?: boolean }).complete === false && http.httpVersion === "1.1") {
        response = { ...response, headers: { ...response.headers, connection: "close" } };
      }
    }
    return response;
  };
}
