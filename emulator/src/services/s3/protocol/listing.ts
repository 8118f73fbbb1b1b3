import { checksumXmlName } from "../body/checksums";
import type { StoredObject } from "../storage/StoredObject";
import { OWNER } from "./owner";
import { s3Error } from "../../../protocol/restXml/s3Errors";
import type { S3Request } from "./S3Request";

/**
 * `encoding-type=url`: S3 encodes keys in listings as HTML forms do (space as `+`), leaving `/` as it is;
 * the AWS CLI and boto3 decode with unquote_plus.
 */
export function listEncoder(request: S3Request): (text: string) => string {
  const encodingType = request.query.get("encoding-type");
  if (encodingType === undefined) {
    return (text) => text;
  }
  if (encodingType.toLowerCase() !== "url") {
    throw s3Error("InvalidArgument", "Invalid Encoding Method specified in Request", { ArgumentName: "encoding-type", ArgumentValue: encodingType });
  }
  return (text) => encodeURIComponent(text).replace(/%2F/g, "/").replace(/%20/g, "+");
}

/** An integer query parameter in [0, max] (larger values are clamped to max, as S3 does); `fallback` when absent. */
export function integerParameter(request: S3Request, name: string, fallback: number, max: number): number {
  const text = request.query.get(name);
  if (text === undefined) {
    return fallback;
  }
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(Number(text))) {
    throw s3Error("InvalidArgument", `Provided ${name} not an integer or within integer range`, { ArgumentName: name, ArgumentValue: text });
  }
  return Math.min(Number(text), max);
}

const TOKEN_PREFIX = "gpu-stream-list:";

/** Continuation tokens are opaque to clients: here, the last entry of the previous page. */
export function encodeContinuationToken(after: string): string {
  return Buffer.from(TOKEN_PREFIX + after, "utf8").toString("base64url");
}

export function decodeContinuationToken(token: string): string {
  const text = Buffer.from(token, "base64url").toString("utf8");
  if (!text.startsWith(TOKEN_PREFIX) || Buffer.from(text, "utf8").toString("base64url") !== token) {
    throw s3Error("InvalidArgument", "The continuation token provided is incorrect", { ArgumentName: "continuation-token" });
  }
  return text.slice(TOKEN_PREFIX.length);
}

/** One `<Contents>` of a listing. */
export function contentsEntry(object: StoredObject, encode: (text: string) => string, withOwner: boolean): Record<string, unknown> {
  return {
    Key: encode(object.key),
    LastModified: object.lastModified,
    ETag: object.etag,
    ...(object.checksum === undefined ? {} : { ChecksumAlgorithm: [object.checksum.algorithm], ChecksumType: object.checksum.type }),
    Size: object.size,
    StorageClass: "STANDARD",
    ...(withOwner ? { Owner: OWNER } : {}),
  };
}

/** `{ ChecksumCRC32: "...", ChecksumType: "FULL_OBJECT" }` for XML results that carry a checksum. */
export function checksumElements(checksum: { algorithm: Parameters<typeof checksumXmlName>[0]; value: string; type: string } | undefined): Record<string, string> {
  return checksum === undefined ? {} : { [checksumXmlName(checksum.algorithm)]: checksum.value, ChecksumType: checksum.type };
}
