export interface S3Location {
  readonly bucket: string;
  /** The key prefix, with a trailing `/` when not empty. */
  readonly prefix: string;
}

/** `s3://bucket/some/prefix` -> bucket and `some/prefix/`; undefined when it is not an s3:// URI. */
export function parseS3Location(uri: string): S3Location | undefined {
  // A key may hold newlines: the rest is any text, not `.*`.
  const match = /^s3a?n?:\/\/([^/]+)\/?([\s\S]*)$/.exec(uri.trim());
  if (match === null || match[1] === "") {
    return undefined;
  }
  const prefix = match[2]!;
  return { bucket: match[1]!, prefix: prefix === "" || prefix.endsWith("/") ? prefix : `${prefix}/` };
}

export function s3Uri(location: S3Location, key = ""): string {
  return `s3://${location.bucket}/${location.prefix}${key}`;
}
