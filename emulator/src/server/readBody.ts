import type { Readable } from "node:stream";
import { AwsError } from "../protocol/AwsError";

/**
 * Reads a whole body, refusing it as soon as it passes `limitBytes`, so an oversized request never sits in
 * memory whole. A `Content-Length` over the limit is refused before a byte is read: the client may be about
 * to send a gigabyte. (AWS's JSON endpoints answer an oversized request with 413 from their front end, or cut
 * the connection: boto/boto3#1147, sendgridlabs/go-kinesis#48.)
 */
export async function readBody(body: Readable, limitBytes: number, tooLarge: () => AwsError, declaredLength?: string): Promise<Buffer> {
  if (declaredLength !== undefined && Number(declaredLength) > limitBytes) {
    body.resume();
    throw tooLarge();
  }
  const chunks: Buffer[] = [];
  let size = 0;
  // Not destroyed when we stop early: destroying the request would take its connection, and the 413 with it.
  const iterator = body.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>;
  try {
    for await (const chunk of iterator) {
      size += chunk.length;
      if (size > limitBytes) {
        // The rest is read and dropped until the answer closes the connection (HTTP/1.1) or the stream ends (HTTP/2).
        body.resume();
        throw tooLarge();
      }
      chunks.push(chunk);
    }
  } catch (error) {
    if (error instanceof AwsError) {
      throw error;
    }
    // The client went away mid-body ("aborted", ECONNRESET): nobody is left to answer, and it is no fault of ours.
    throw new AwsError("IncompleteBody", "The client closed the connection before the whole body arrived", 400);
  }
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size);
}

export function requestEntityTooLarge(limitBytes: number): AwsError {
  return new AwsError("RequestEntityTooLarge", `Request body is larger than ${limitBytes} bytes`, 413);
}
