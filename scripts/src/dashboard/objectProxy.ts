import type { ServerResponse } from "node:http";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { GetObjectCommand, type S3Client } from "@aws-sdk/client-s3";

/**
 * `GET /api/object?key=<key>`: an object of the pipeline's bucket (and no other), read with GetObject and
 * shown as text. The bytes are the bucket's, not ours: they are never served as HTML (a sandboxing CSP,
 * nosniff), and compressed objects are downloaded rather than shown.
 */
export async function serveObject(s3: S3Client, bucket: string, key: string | null, response: ServerResponse): Promise<void> {
  if (key === null || key === "" || key.length > 1024) {
    response.writeHead(400, { "content-type": "text/plain; charset=utf-8" }).end("expected ?key=<an object key of the pipeline's bucket>\n");
    return;
  }
  let object;
  try {
    object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  } catch (error) {
    const name = error instanceof Error ? error.name : "";
    const status = name === "NoSuchKey" || name === "NoSuchBucket" || name === "NotFound" ? 404 : 502;
    response.writeHead(status, { "content-type": "text/plain; charset=utf-8" }).end(`s3://${bucket}/${key}: ${name || "error"}: ${error instanceof Error ? error.message : String(error)}\n`);
    return;
  }
  const compressed = key.endsWith(".gz") || object.ContentEncoding === "gzip";
  const fileName = key.split("/").pop() || "object";
  response.writeHead(200, {
    "content-type": compressed ? "application/gzip" : "text/plain; charset=utf-8",
    ...(object.ContentLength === undefined ? {} : { "content-length": object.ContentLength }),
    "content-disposition": `${compressed ? "attachment" : "inline"}; filename="${fileName.replace(/[^A-Za-z0-9._-]/g, "_")}"`,
    "content-security-policy": "sandbox; default-src 'none'",
    "x-content-type-options": "nosniff",
    "cache-control": "no-store",
  });
  await pipeline(object.Body as Readable, response);
}
