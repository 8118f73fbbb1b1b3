import type { StoredChecksum } from "../body/checksums";
import type { StoredObjectInfo } from "../S3Objects";

/** The headers S3 keeps with an object and gives back on GET and HEAD. */
export interface ObjectHeaders {
  readonly contentType: string;
  readonly contentEncoding?: string;
  readonly contentDisposition?: string;
  readonly contentLanguage?: string;
  readonly cacheControl?: string;
  readonly expires?: string;
  /** User metadata, names lower-case without the `x-amz-meta-` prefix. */
  readonly metadata: Readonly<Record<string, string>>;
}

/** Everything the store knows about one object. */
export interface StoredObject extends StoredObjectInfo, ObjectHeaders {
  readonly checksum?: StoredChecksum;
  /** Parts of a multipart upload; absent for a single PUT. */
  readonly partCount?: number;
}

/** What the handler decides about a new object; the store adds key, size, time. */
export interface NewObject extends ObjectHeaders {
  /** Quoted. */
  readonly etag: string;
  readonly checksum?: StoredChecksum;
  readonly partCount?: number;
}

/** S3's default Content-Type for an object stored without one. */
export const DEFAULT_CONTENT_TYPE = "binary/octet-stream";
