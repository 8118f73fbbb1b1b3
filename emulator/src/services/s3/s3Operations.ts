import { abortMultipartUpload } from "./operations/abortMultipartUpload";
import { completeMultipartUpload } from "./operations/completeMultipartUpload";
import { copyObject } from "./operations/copyObject";
import { createBucket } from "./operations/createBucket";
import { createMultipartUpload } from "./operations/createMultipartUpload";
import { deleteBucket } from "./operations/deleteBucket";
import { deleteBucketCors } from "./operations/deleteBucketCors";
import { deleteObject } from "./operations/deleteObject";
import { deleteObjects } from "./operations/deleteObjects";
import { getBucketCors } from "./operations/getBucketCors";
import { getBucketLocation } from "./operations/getBucketLocation";
import { getObject } from "./operations/getObject";
import { headBucket } from "./operations/headBucket";
import { headObject } from "./operations/headObject";
import { listBuckets } from "./operations/listBuckets";
import { listMultipartUploads } from "./operations/listMultipartUploads";
import { listObjects } from "./operations/listObjects";
import { listObjectsV2 } from "./operations/listObjectsV2";
import { listParts } from "./operations/listParts";
import { putBucketCors } from "./operations/putBucketCors";
import { putObject } from "./operations/putObject";
import { uploadPart } from "./operations/uploadPart";
import { s3Error } from "../../protocol/restXml/s3Errors";
import { header, type S3Request } from "./protocol/S3Request";
import type { S3Operation } from "./protocol/S3Operation";

/** The operations the emulator answers; any other S3 operation is NotImplemented, by name. */
export const S3_OPERATIONS = {
  AbortMultipartUpload: abortMultipartUpload,
  CompleteMultipartUpload: completeMultipartUpload,
  CopyObject: copyObject,
  CreateBucket: createBucket,
  CreateMultipartUpload: createMultipartUpload,
  DeleteBucket: deleteBucket,
  DeleteBucketCors: deleteBucketCors,
  DeleteObject: deleteObject,
  DeleteObjects: deleteObjects,
  GetBucketCors: getBucketCors,
  GetBucketLocation: getBucketLocation,
  GetObject: getObject,
  HeadBucket: headBucket,
  HeadObject: headObject,
  ListBuckets: listBuckets,
  ListMultipartUploads: listMultipartUploads,
  ListObjects: listObjects,
  ListObjectsV2: listObjectsV2,
  ListParts: listParts,
  PutBucketCors: putBucketCors,
  PutObject: putObject,
  UploadPart: uploadPart,
} satisfies Record<string, S3Operation>;

/** Query parameters that name a bucket sub-resource, and the operations' names after Get/Put/Delete. */
const BUCKET_SUBRESOURCES: Record<string, string> = {
  accelerate: "BucketAccelerateConfiguration",
  acl: "BucketAcl",
  analytics: "BucketAnalyticsConfiguration",
  cors: "BucketCors",
  encryption: "BucketEncryption",
  "intelligent-tiering": "BucketIntelligentTieringConfiguration",
  inventory: "BucketInventoryConfiguration",
  lifecycle: "BucketLifecycleConfiguration",
  logging: "BucketLogging",
  metadataTable: "BucketMetadataTableConfiguration",
  metrics: "BucketMetricsConfiguration",
  notification: "BucketNotificationConfiguration",
  "object-lock": "ObjectLockConfiguration",
  ownershipControls: "BucketOwnershipControls",
  policy: "BucketPolicy",
  policyStatus: "BucketPolicyStatus",
  publicAccessBlock: "PublicAccessBlock",
  replication: "BucketReplication",
  requestPayment: "BucketRequestPayment",
  tagging: "BucketTagging",
  versioning: "BucketVersioning",
  website: "BucketWebsite",
};

const OBJECT_SUBRESOURCES: Record<string, string> = {
  acl: "ObjectAcl",
  attributes: "ObjectAttributes",
  "legal-hold": "ObjectLegalHold",
  retention: "ObjectRetention",
  tagging: "ObjectTagging",
  torrent: "ObjectTorrent",
};

const VERBS: Record<string, string> = { GET: "Get", PUT: "Put", DELETE: "Delete" };

function subresourceOperation(request: S3Request, table: Record<string, string>): string | undefined {
  const verb = VERBS[request.method];
  for (const [parameter, name] of Object.entries(table)) {
    if (request.query.has(parameter) && verb !== undefined) {
      return verb + name;
    }
  }
  return undefined;
}

function methodNotAllowed(request: S3Request, resourceType: string): never {
  throw s3Error("MethodNotAllowed", undefined, { Method: request.method, ResourceType: resourceType });
}

/** Which S3 operation a request is, by method, path and sub-resource, as S3's REST API tells them apart. */
export function resolveOperation(request: S3Request): string {
  const { method, query } = request;
  if (request.bucket === undefined) {
    return method === "GET" ? "ListBuckets" : methodNotAllowed(request, "SERVICE");
  }
  if (request.key === undefined) {
    const subresource = subresourceOperation(request, BUCKET_SUBRESOURCES);
    switch (method) {
      case "GET":
        if (query.has("location")) return "GetBucketLocation";
        if (query.has("uploads")) return "ListMultipartUploads";
        if (query.has("versions")) return "ListObjectVersions";
        return subresource ?? (query.get("list-type") === "2" ? "ListObjectsV2" : "ListObjects");
      case "PUT":
        return subresource ?? "CreateBucket";
      case "DELETE":
        return subresource ?? "DeleteBucket";
      case "HEAD":
        return "HeadBucket";
      case "POST":
        return query.has("delete") ? "DeleteObjects" : "PostObject";
      default:
        return methodNotAllowed(request, "BUCKET");
    }
  }
  const subresource = subresourceOperation(request, OBJECT_SUBRESOURCES);
  const copy = header(request, "x-amz-copy-source") !== undefined;
  switch (method) {
    case "GET":
      return subresource ?? (query.has("uploadId") ? "ListParts" : "GetObject");
    case "HEAD":
      return "HeadObject";
    case "PUT":
      if (subresource !== undefined) return subresource;
      if (query.has("uploadId") || query.has("partNumber")) return copy ? "UploadPartCopy" : "UploadPart";
      return copy ? "CopyObject" : "PutObject";
    case "DELETE":
      return subresource ?? (query.has("uploadId") ? "AbortMultipartUpload" : "DeleteObject");
    case "POST":
      if (query.has("uploads")) return "CreateMultipartUpload";
      if (query.has("uploadId")) return "CompleteMultipartUpload";
      if (query.has("restore")) return "RestoreObject";
      if (query.has("select")) return "SelectObjectContent";
      return methodNotAllowed(request, "OBJECT");
    default:
      return methodNotAllowed(request, "OBJECT");
  }
}
