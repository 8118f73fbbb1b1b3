import type { ChecksumAlgorithm, ChecksumType, StoredChecksum } from "../body/checksums";
import type { ObjectHeaders } from "./StoredObject";

export interface UploadRecord {
  readonly uploadId: string;
  readonly bucket: string;
  readonly key: string;
  readonly initiated: Date;
  /** What the completed object will carry. */
  readonly headers: ObjectHeaders;
  readonly checksumAlgorithm?: ChecksumAlgorithm;
  readonly checksumType?: ChecksumType;
}

export interface PartRecord {
  readonly partNumber: number;
  readonly size: number;
  /** Quoted MD5 of the part. */
  readonly etag: string;
  readonly lastModified: Date;
  readonly checksum?: StoredChecksum;
  /** The file holding the part's bytes. */
  readonly path: string;
}

/** Multipart uploads in progress: their parts live outside every bucket's folder until completion. */
export interface UploadStore {
  createUpload(upload: Omit<UploadRecord, "uploadId" | "initiated">): Promise<UploadRecord>;
  getUpload(uploadId: string): UploadRecord | undefined;
  /** In progress in `bucket`, by key then initiation. */
  listUploads(bucket: string): readonly UploadRecord[];
  /** Makes a staged file part `partNumber` (replacing an earlier one). */
  commitPart(uploadId: string, partNumber: number, stagedPath: string, part: Omit<PartRecord, "partNumber" | "size" | "lastModified" | "path">): Promise<PartRecord>;
  /** By part number. */
  listParts(uploadId: string): Promise<readonly PartRecord[]>;
  removeUpload(uploadId: string): Promise<void>;
}
