import type { ObjectStore } from "../storage/ObjectStore";
import type { UploadStore } from "../storage/UploadStore";
import type { S3Request } from "./S3Request";
import type { S3Result } from "../../../protocol/restXml/S3Result";

export interface S3Context {
  readonly store: ObjectStore;
  readonly uploads: UploadStore;
  /** The emulator's region: where new buckets are unless a LocationConstraint says otherwise. */
  readonly region: string;
  /** Largest body of one PutObject or UploadPart (5 GiB, as S3). */
  readonly maxUploadBytes: number;
  /** Injected faults (not AWS): true while CreateBucket must answer OperationAborted (faults/EmulatorFaults.ts). */
  readonly createBucketAborted: () => boolean;
}

export type S3Operation = (request: S3Request, context: S3Context) => Promise<S3Result>;
