import type { Readable } from "node:stream";

export interface StoredObjectInfo {
  readonly key: string;
  readonly size: number;
  /** Quoted, as S3 sends it: `"9e107d9d372bb6826bd81d3542a419d6"`. */
  readonly etag: string;
  readonly lastModified: Date;
  readonly contentType: string;
  readonly metadata: Readonly<Record<string, string>>;
}

export interface PutObjectOptions {
  readonly contentType?: string;
  readonly contentEncoding?: string;
  readonly metadata?: Readonly<Record<string, string>>;
}

/**
 * The S3 service's in-process face for other services (Firehose writes, the Glue crawler and Athena read).
 * Errors are AwsErrors as S3 would answer (NoSuchBucket, NoSuchKey).
 */
export interface S3Objects {
  bucketExists(bucket: string): boolean;
  /** Writes atomically: a reader sees the old object or the new one, never half. */
  putObject(bucket: string, key: string, body: Uint8Array, options?: PutObjectOptions): Promise<StoredObjectInfo>;
  /**
   * Makes a finished file the object (moved, not copied, when it is on the same file system as the data
   * directory), e.g. a Parquet file DuckDB wrote for a CTAS. The file is gone from `path` afterwards.
   */
  putObjectFile(bucket: string, key: string, path: string, options?: PutObjectOptions): Promise<StoredObjectInfo>;
  headObject(bucket: string, key: string): Promise<StoredObjectInfo | undefined>;
  getObject(bucket: string, key: string): Promise<{ info: StoredObjectInfo; body: Readable }>;
  /** Deleting a missing key is not an error, as in S3. */
  deleteObject(bucket: string, key: string): Promise<void>;
  /** Every object whose key starts with `prefix`, in key order (UTF-8 binary, as S3 lists). */
  listObjects(bucket: string, prefix?: string): AsyncIterable<StoredObjectInfo>;
  /**
   * The file holding the object's bytes, for readers in this process (DuckDB, the crawler). Read it, never
   * write it: writes go through putObject so metadata and listings stay right.
   */
  objectFilePath(bucket: string, key: string): string;
  /**
   * Each bucket's folder, which holds its objects' files and nothing else of the S3 service's state (metadata,
   * journal, staging, uploads live beside the buckets): what an in-process reader may be confined to.
   */
  bucketDirectories(): readonly string[];
}
