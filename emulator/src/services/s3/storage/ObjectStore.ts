import type { FileHandle } from "node:fs/promises";
import type { NewObject, StoredObject } from "./StoredObject";

export interface BucketRecord {
  readonly name: string;
  readonly creationDate: Date;
  /** Where the bucket "lives": the LocationConstraint it was created with, or the emulator's region. */
  readonly region: string;
  /** Its CORS configuration (PutBucketCors), rules in the order given; absent without one. */
  readonly cors?: readonly CorsRule[];
}

/** One CORSRule of a bucket's CORS configuration, validated (cors/parseCorsConfiguration.ts). */
export interface CorsRule {
  readonly id?: string;
  readonly allowedOrigins: readonly string[];
  readonly allowedMethods: readonly string[];
  readonly allowedHeaders: readonly string[];
  readonly exposeHeaders: readonly string[];
  readonly maxAgeSeconds?: number;
}

export interface ListRequest {
  readonly prefix: string;
  readonly delimiter?: string;
  /** Only entries (keys or common prefixes) after this one, in S3 order. */
  readonly after?: string;
  readonly maxKeys: number;
}

export interface ListPage {
  readonly objects: readonly StoredObject[];
  readonly commonPrefixes: readonly string[];
  readonly isTruncated: boolean;
  /** The page's last entry, key or common prefix: where the next page starts after. */
  readonly last?: string;
}

export interface OpenedObject {
  readonly info: StoredObject;
  /** Open on the bytes `info` describes, even if the key is overwritten meanwhile; the caller closes it. */
  readonly file: FileHandle;
}

/**
 * Buckets and objects as the S3 handlers need them. Methods naming a bucket that does not exist throw
 * NoSuchBucket; a missing key is `undefined`.
 */
export interface ObjectStore {
  getBucket(name: string): BucketRecord | undefined;
  listBuckets(): readonly BucketRecord[];
  /** `created: false` when the bucket was already there (the caller decides whether that is an error). */
  createBucket(name: string, region: string): Promise<{ readonly created: boolean; readonly bucket: BucketRecord }>;
  /** Throws BucketNotEmpty unless the bucket has no objects. */
  deleteBucket(name: string): Promise<void>;
  /** Replaces the bucket's CORS configuration (undefined: removes it), durably, before resolving. */
  setBucketCors(name: string, rules: readonly CorsRule[] | undefined): Promise<void>;

  /** A fresh path in the staging folder (same file system as the objects), for a body being received. */
  stagingPath(): string;
  /**
   * Makes a staged file the object `key`, with its metadata, atomically: readers see the old object or the
   * new one, and a crash at any point leaves one of them. `precondition` runs first, under the store's lock,
   * with the current object (conditional writes).
   */
  commitObject(bucket: string, key: string, stagedPath: string, object: NewObject, precondition?: (current: StoredObject | undefined) => void): Promise<StoredObject>;
  describeObject(bucket: string, key: string): Promise<StoredObject | undefined>;
  openObject(bucket: string, key: string): Promise<OpenedObject | undefined>;
  /** Deleting a missing key is not an error (S3 answers 204 either way). */
  deleteObject(bucket: string, key: string): Promise<void>;
  listObjects(bucket: string, request: ListRequest): Promise<ListPage>;
  /** Where the object's bytes are (or would be), for in-process readers. */
  objectFilePath(bucket: string, key: string): string;
  /** The folder holding only the bucket's object files. */
  bucketDirectory(bucket: string): string;
}
