import type { FileHandle } from "node:fs/promises";
import type { StoredObject } from "../storage/StoredObject";
import { activeContentHeaders } from "./activeContentHeaders";
import { objectResponseHeaders, responseOverrides } from "./objectHeaders";
import { parseRange } from "./parseRange";
import { evaluateReadConditions } from "./preconditions";
import { header, type S3Request } from "./S3Request";
import type { S3Result } from "../../../protocol/restXml/S3Result";

/**
 * The answer to GetObject (with the open file) or HeadObject (without): conditions, then range, then
 * headers. The file is handed to the response stream, which closes it; on 304 it is closed here.
 */
export async function answerObjectRead(request: S3Request, object: StoredObject, file: FileHandle | undefined): Promise<S3Result> {
  const outcome = evaluateReadConditions(
    {
      ifMatch: header(request, "if-match"),
      ifNoneMatch: header(request, "if-none-match"),
      ifModifiedSince: header(request, "if-modified-since"),
      ifUnmodifiedSince: header(request, "if-unmodified-since"),
    },
    object,
  );
  if (outcome === "not-modified") {
    await file?.close();
    return { statusCode: 304, headers: { etag: object.etag, "last-modified": object.lastModified.toUTCString() } };
  }
  const range = parseRange(header(request, "range"), object.size);
  const withChecksum = header(request, "x-amz-checksum-mode")?.toUpperCase() === "ENABLED" && range === undefined;
  const served = { ...objectResponseHeaders(object, { withChecksum }), ...responseOverrides(request) };
  const headers = { ...served, ...activeContentHeaders(String(served["content-type"])) };
  if (range === undefined) {
    return {
      headers: { ...headers, "content-length": object.size },
      ...(file === undefined ? {} : { body: object.size === 0 ? (await file.close(), Buffer.alloc(0)) : file.createReadStream({ start: 0, end: object.size - 1 }) }),
    };
  }
  return {
    statusCode: 206,
    headers: { ...headers, "content-length": range.end - range.start + 1, "content-range": `bytes ${range.start}-${range.end}/${object.size}` },
    ...(file === undefined ? {} : { body: file.createReadStream({ start: range.start, end: range.end }) }),
  };
}
