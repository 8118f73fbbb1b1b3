import type { StoredObject } from "../storage/StoredObject";
import { s3Error } from "../../../protocol/restXml/s3Errors";

/** `"abc"`, `W/"abc"`, `abc` and `*` as an If-Match list matches them. */
function etagMatches(list: string, etag: string): boolean {
  const bare = etag.replace(/^"|"$/g, "");
  return list.split(",").some((item) => {
    const candidate = item.trim().replace(/^W\//, "").replace(/^"|"$/g, "");
    return candidate === "*" || candidate === bare;
  });
}

function parseDate(text: string | undefined): number | undefined {
  if (text === undefined) {
    return undefined;
  }
  const time = Date.parse(text);
  return Number.isNaN(time) ? undefined : time;
}

export interface ReadConditions {
  readonly ifMatch?: string;
  readonly ifNoneMatch?: string;
  readonly ifModifiedSince?: string;
  readonly ifUnmodifiedSince?: string;
}

/**
 * GetObject/HeadObject conditions as S3 weighs them
 * (https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html): If-Match beats If-Unmodified-Since,
 * If-None-Match beats If-Modified-Since. Answers whether the object is "not modified" (304); throws
 * PreconditionFailed (412). The same rules serve CopyObject's x-amz-copy-source-if-* headers.
 */
export function evaluateReadConditions(conditions: ReadConditions, object: StoredObject): "ok" | "not-modified" {
  const modified = object.lastModified.getTime();
  if (conditions.ifMatch !== undefined) {
    if (!etagMatches(conditions.ifMatch, object.etag)) {
      throw s3Error("PreconditionFailed", undefined, { Condition: "If-Match" });
    }
  } else {
    const unmodifiedSince = parseDate(conditions.ifUnmodifiedSince);
    if (unmodifiedSince !== undefined && modified > unmodifiedSince) {
      throw s3Error("PreconditionFailed", undefined, { Condition: "If-Unmodified-Since" });
    }
  }
  if (conditions.ifNoneMatch !== undefined) {
    return etagMatches(conditions.ifNoneMatch, object.etag) ? "not-modified" : "ok";
  }
  const modifiedSince = parseDate(conditions.ifModifiedSince);
  return modifiedSince !== undefined && modified <= modifiedSince ? "not-modified" : "ok";
}

/**
 * Conditional writes (PutObject, CompleteMultipartUpload): `If-None-Match: *` refuses to overwrite,
 * `If-Match: <etag>` refuses unless the current object has that ETag. Checked at commit, under the store's lock.
 */
export function writePrecondition(key: string, ifMatch: string | undefined, ifNoneMatch: string | undefined): ((current: StoredObject | undefined) => void) | undefined {
  if (ifMatch === undefined && ifNoneMatch === undefined) {
    return undefined;
  }
  if (ifNoneMatch !== undefined && ifNoneMatch.trim() !== "*") {
    throw s3Error("NotImplemented", "If-None-Match on a write accepts only '*'", { Header: "If-None-Match" });
  }
  return (current) => {
    if (ifNoneMatch !== undefined && current !== undefined) {
      throw s3Error("PreconditionFailed", undefined, { Condition: "If-None-Match" });
    }
    if (ifMatch !== undefined) {
      if (current === undefined) {
        throw s3Error("NoSuchKey", undefined, { Key: key });
      }
      if (!etagMatches(ifMatch, current.etag)) {
        throw s3Error("PreconditionFailed", undefined, { Condition: "If-Match" });
      }
    }
  };
}
