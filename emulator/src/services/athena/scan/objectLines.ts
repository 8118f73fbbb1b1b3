import { createReadStream } from "node:fs";
import type { Readable } from "node:stream";
import { setImmediate as nextTurn } from "node:timers/promises";
import { createGunzip } from "node:zlib";
import { QueryError } from "../errors/athenaErrors";
import { MAX_ROW_BYTES } from "./rowSizeLimit";

/** In a text table a line is a row, so no line may be longer than Athena's row size limit. */
export const MAX_LINE_BYTES = MAX_ROW_BYTES;

/**
 * The emulator's own bound on the text of one object read line by line (Athena has none: it streams an object on
 * a worker of its fleet). Twice the largest object the pipeline writes: Firehose buffers at most 128 MiB before it
 * delivers (BufferingHints.SizeInMBs, 1-128). A gzip object inflating beyond it (a decompression bomb) fails its
 * query instead of holding the emulator's disk and CPU.
 */
export const MAX_OBJECT_TEXT_BYTES = 256 * 1024 * 1024;

/** Reading yields to the event loop at least this often, so that every other service keeps answering. */
const SLICE_MS = 10;
const CHUNK_BYTES = 64 * 1024;
const NEWLINE = 0x0a;

export interface TextObject {
  /** The file holding the object's bytes. */
  readonly path: string;
  /** `s3://bucket/key`: what errors name, never the file. */
  readonly uri: string;
  readonly size: number;
  readonly gzip: boolean;
}

function openText(object: TextObject): Readable {
  const raw = createReadStream(object.path, { highWaterMark: CHUNK_BYTES });
  if (!object.gzip) return raw;
  const gunzip = createGunzip({ chunkSize: CHUNK_BYTES });
  raw.on("error", (error) => gunzip.destroy(error));
  gunzip.on("close", () => raw.destroy());
  return raw.pipe(gunzip);
}

/** An object deleted between its listing and its reading is a split Athena cannot open (Trino's HiveSplitSource wording). */
function readFailure(object: TextObject, error: unknown): unknown {
  if (error instanceof Error && (error as NodeJS.ErrnoException).code === "ENOENT") {
    return new QueryError("HIVE_CANNOT_OPEN_SPLIT", `Error opening Hive split ${object.uri} (offset=0, length=${object.size}): The specified key does not exist.`);
  }
  return error;
}

/**
 * The lines of an object's text (gunzipped when `gzip`), streamed: each batch holds the lines completed by one chunk,
 * without their `\n`; a last piece after the final newline is a line only when it is not empty. Nothing but the
 * current chunk and an unfinished line is held. Fails with HIVE_BAD_DATA when a line exceeds MAX_LINE_BYTES, with
 * NOT_SUPPORTED when the text exceeds MAX_OBJECT_TEXT_BYTES. Between batches it yields to the event loop once
 * SLICE_MS have passed since it last did, the caller's work on the batches included.
 */
export async function* objectLines(object: TextObject): AsyncGenerator<string[]> {
  const stream = openText(object);
  const pending: Buffer[] = [];
  let pendingBytes = 0;
  let total = 0;
  let slice = performance.now();
  const lineTooLong = (): QueryError => new QueryError("HIVE_BAD_DATA", `Line too long in ${object.uri}: more than ${MAX_LINE_BYTES} bytes before a newline (Athena's row size limit is 32 MB)`);
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > MAX_OBJECT_TEXT_BYTES) {
        throw new QueryError("NOT_SUPPORTED", `${object.uri} holds more than ${MAX_OBJECT_TEXT_BYTES} bytes of text${object.gzip ? " once gunzipped" : ""}: larger objects are not supported by the gpu-stream emulator's text reader`);
      }
      const lines: string[] = [];
      let start = 0;
      for (let end = chunk.indexOf(NEWLINE); end >= 0; end = chunk.indexOf(NEWLINE, start)) {
        if (pendingBytes + end - start > MAX_LINE_BYTES) throw lineTooLong();
        if (pendingBytes === 0) lines.push(end === start ? "" : chunk.toString("utf8", start, end));
        else {
          pending.push(chunk.subarray(start, end));
          lines.push(Buffer.concat(pending).toString("utf8"));
          pending.length = 0;
          pendingBytes = 0;
        }
        start = end + 1;
        // A run of empty lines (250 MiB of them is 262 million rows) without a native call for each.
        while (chunk[start] === NEWLINE) {
          lines.push("");
          start++;
        }
      }
      if (start < chunk.length) {
        pendingBytes += chunk.length - start;
        if (pendingBytes > MAX_LINE_BYTES) throw lineTooLong();
        // A copy, so that the unfinished line does not keep its whole chunk alive.
        pending.push(Buffer.from(chunk.subarray(start)));
      }
      if (performance.now() - slice >= SLICE_MS) {
        await nextTurn();
        slice = performance.now();
      }
      if (lines.length > 0) yield lines;
    }
  } catch (error) {
    throw readFailure(object, error);
  } finally {
    stream.destroy();
  }
  if (pendingBytes > 0) yield [Buffer.concat(pending).toString("utf8")];
}
