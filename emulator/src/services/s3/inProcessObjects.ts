import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { copyFile, open, rename, unlink } from "node:fs/promises";
import { createHasher } from "./body/checksums";
import { noSuchBucket, noSuchKey } from "../../protocol/restXml/s3Errors";
import type { PutObjectOptions, S3Objects, StoredObjectInfo } from "./S3Objects";
import { isErrorCode } from "./storage/files";
import type { ObjectStore } from "./storage/ObjectStore";
import { DEFAULT_CONTENT_TYPE, type NewObject } from "./storage/StoredObject";

const LIST_PAGE = 1000;

function newObject(options: PutObjectOptions | undefined, md5: Buffer, crc64: Buffer): NewObject {
  return {
    contentType: options?.contentType ?? DEFAULT_CONTENT_TYPE,
    ...(options?.contentEncoding === undefined ? {} : { contentEncoding: options.contentEncoding }),
    metadata: Object.fromEntries(Object.entries(options?.metadata ?? {}).map(([name, value]) => [name.toLowerCase(), value])),
    etag: `"${md5.toString("hex")}"`,
    checksum: { algorithm: "CRC64NVME", value: crc64.toString("base64"), type: "FULL_OBJECT" },
  };
}

/** Hashes a file as S3 would on upload: MD5 for the ETag, CRC64NVME as its default checksum. */
async function hashFile(path: string): Promise<{ md5: Buffer; crc64: Buffer }> {
  const md5 = createHash("md5");
  const crc64 = createHasher("CRC64NVME");
  for await (const chunk of createReadStream(path)) {
    md5.update(chunk as Buffer);
    crc64.update(chunk as Buffer);
  }
  return { md5: md5.digest(), crc64: crc64.digest() };
}

/** The S3 service's face for the other services in this process (Firehose writes; Glue and Athena read). */
export function inProcessObjects(store: ObjectStore): S3Objects {
  return {
    bucketExists: (bucket) => store.getBucket(bucket) !== undefined,

    async putObject(bucket, key, body, options) {
      if (store.getBucket(bucket) === undefined) {
        throw noSuchBucket(bucket);
      }
      const staged = store.stagingPath();
      const file = await open(staged, "wx");
      try {
        await file.writeFile(body);
      } finally {
        await file.close();
      }
      const crc64 = createHasher("CRC64NVME");
      crc64.update(body);
      return store.commitObject(bucket, key, staged, newObject(options, createHash("md5").update(body).digest(), crc64.digest()));
    },

    async putObjectFile(bucket, key, path, options) {
      if (store.getBucket(bucket) === undefined) {
        throw noSuchBucket(bucket);
      }
      const staged = store.stagingPath();
      try {
        await rename(path, staged);
      } catch (error) {
        if (!isErrorCode(error, "EXDEV")) {
          throw error;
        }
        await copyFile(path, staged);
        await unlink(path);
      }
      const { md5, crc64 } = await hashFile(staged);
      return store.commitObject(bucket, key, staged, newObject(options, md5, crc64));
    },

    headObject: (bucket, key) => store.describeObject(bucket, key),

    async getObject(bucket, key) {
      const opened = await store.openObject(bucket, key);
      if (opened === undefined) {
        throw noSuchKey(key);
      }
      return { info: opened.info, body: opened.file.createReadStream() };
    },

    deleteObject: (bucket, key) => store.deleteObject(bucket, key),

    async *listObjects(bucket, prefix = ""): AsyncIterable<StoredObjectInfo> {
      let after: string | undefined;
      for (;;) {
        const page = await store.listObjects(bucket, { prefix, maxKeys: LIST_PAGE, ...(after === undefined ? {} : { after }) });
        yield* page.objects;
        if (!page.isTruncated || page.last === undefined) {
          return;
        }
        after = page.last;
      }
    },

    objectFilePath: (bucket, key) => store.objectFilePath(bucket, key),

    bucketDirectories: () => store.listBuckets().map((bucket) => store.bucketDirectory(bucket.name)),
  };
}
