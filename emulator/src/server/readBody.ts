import type { Readable } from "node:stream";
import { AwsError } from "./AwsError";

/**
 * Reads a whole body, refusing it as soon as it passes `limitBytes`, so an oversized request never
 * sits in memory whole.
 */
export async function readBody(body: Readable, limitBytes: number, tooLarge: () => AwsError): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > limitBytes) {
      body.resume();
      throw tooLarge();
    }
    chunks.push(buffer);
  }
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size);
}

export function requestEntityTooLarge(limitBytes: number): AwsError {
  return new AwsError("RequestEntityTooLarge", `Request body is larger than ${limitBytes} bytes`, 413);
}
