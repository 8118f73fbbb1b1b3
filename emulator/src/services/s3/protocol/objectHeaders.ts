import { checksumHeaderName } from "../body/checksums";
import { DEFAULT_CONTENT_TYPE, type ObjectHeaders, type StoredObject } from "../storage/StoredObject";
import { s3Error } from "../../../protocol/restXml/s3Errors";
import { header, type S3Request } from "./S3Request";

const USER_METADATA_PREFIX = "x-amz-meta-";
/** S3 allows 2 KB of user metadata: the UTF-8 bytes of every name and value together. */
const MAX_USER_METADATA_BYTES = 2048;

/** The headers a PutObject, CopyObject (REPLACE) or CreateMultipartUpload gives the object to keep. */
export function readObjectHeaders(request: S3Request): ObjectHeaders {
  const metadata: Record<string, string> = {};
  let metadataBytes = 0;
  for (const [name, value] of Object.entries(request.headers)) {
    if (name.startsWith(USER_METADATA_PREFIX) && value !== undefined) {
      const field = name.slice(USER_METADATA_PREFIX.length);
      const text = Array.isArray(value) ? value.join(",") : value;
      metadata[field] = text;
      metadataBytes += Buffer.byteLength(field) + Buffer.byteLength(text);
    }
  }
  if (metadataBytes > MAX_USER_METADATA_BYTES) {
    throw s3Error("MetadataTooLarge", undefined, { Size: metadataBytes, MaxSizeAllowed: MAX_USER_METADATA_BYTES });
  }
  const encoding = (header(request, "content-encoding") ?? "")
    .split(",")
    .map((part) => part.trim())
    .filter((part) => part !== "" && part.toLowerCase() !== "aws-chunked")
    .join(",");
  const optional = (name: string): string | undefined => header(request, name);
  const fields: Record<string, string | undefined> = {
    contentEncoding: encoding === "" ? undefined : encoding,
    contentDisposition: optional("content-disposition"),
    contentLanguage: optional("content-language"),
    cacheControl: optional("cache-control"),
    expires: optional("expires"),
  };
  return {
    contentType: header(request, "content-type") ?? DEFAULT_CONTENT_TYPE,
    metadata,
    ...Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)),
  };
}

/**
 * A metadata value as an HTTP header can carry it. Values that came in as headers always can; one given in
 * process (Firehose, Athena) may hold characters beyond Latin-1 or line breaks, which S3 answers RFC 2047
 * encoded, as here.
 */
function headerSafe(value: string): string {
  return /^[\t\x20-\x7e\x80-\xff]*$/.test(value) ? value : `=?UTF-8?B?${Buffer.from(value, "utf8").toString("base64")}?=`;
}

/**
 * The headers GET and HEAD answer with. Checksums only when asked (`x-amz-checksum-mode: ENABLED`) and for
 * the whole object: a checksum of the whole does not describe a range.
 */
export function objectResponseHeaders(object: StoredObject, options: { withChecksum: boolean }): Record<string, string | number> {
  const headers: Record<string, string | number> = {
    "content-type": object.contentType,
    etag: object.etag,
    "last-modified": object.lastModified.toUTCString(),
    "accept-ranges": "bytes",
  };
  const optional: [string, string | undefined][] = [
    ["content-encoding", object.contentEncoding],
    ["content-disposition", object.contentDisposition],
    ["content-language", object.contentLanguage],
    ["cache-control", object.cacheControl],
    ["expires", object.expires],
  ];
  for (const [name, value] of optional) {
    if (value !== undefined) {
      headers[name] = value;
    }
  }
  for (const [name, value] of Object.entries(object.metadata)) {
    headers[USER_METADATA_PREFIX + name] = headerSafe(value);
  }
  if (options.withChecksum && object.checksum !== undefined) {
    headers[checksumHeaderName(object.checksum.algorithm)] = object.checksum.value;
    headers["x-amz-checksum-type"] = object.checksum.type;
  }
  return headers;
}

/**
 * The response-* query parameters of GetObject override the stored headers. A value no header can carry (beyond
 * ISO-8859-1, or a control character such as the CR LF of a header injection) is refused as S3 refuses it.
 */
export function responseOverrides(request: S3Request): Record<string, string> {
  const overrides: Record<string, string> = {};
  for (const name of ["content-type", "content-language", "expires", "cache-control", "content-disposition", "content-encoding"]) {
    const value = request.query.get(`response-${name}`);
    if (value !== undefined) {
      if (!/^[\t\x20-\x7e\x80-\xff]*$/.test(value)) {
        throw s3Error("InvalidArgument", "Header value cannot be represented using ISO-8859-1.", { ArgumentName: `response-${name}`, ArgumentValue: value });
      }
      overrides[name] = value;
    }
  }
  return overrides;
}
