import type { GetRecordsOutput, _Record } from "@aws-sdk/client-kinesis";
import { wireJson } from "../../protocol/awsJson/jsonResponse";
import { SelfWrittenJson } from "../../protocol/awsJson/SelfWrittenJson";
import { writeOrdinalOverZero } from "./sequenceNumbers";
import type { LogFrames } from "./ShardLog";

/** GetRecords' members after Records, in the order they are written. */
export type GetRecordsTail = Omit<GetRecordsOutput, "Records">;

const RECORDS_OPEN = Buffer.from('{"Records":[', "latin1");
const AFTER_SEQUENCE_NUMBER = '","ApproximateArrivalTimestamp":';
const BEFORE_DATA = ',"Data":"';
const AFTER_DATA = Buffer.from('","PartitionKey":', "latin1");
/** A record's text around its variable parts, beyond the sequence number head: `,"Data":"`, `","PartitionKey":"`, `"}` and a comma. */
const RECORD_FIXED_BYTES = BEFORE_DATA.length + AFTER_DATA.length + 2 + 2 + 1;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const BASE64_ALPHABET = Buffer.from("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", "latin1");
/** The two base64 characters of every 12 bits, the first in the low byte. */
const BASE64_PAIRS = Uint16Array.from({ length: 4096 }, (_, bits) => BASE64_ALPHABET[bits >> 6]! | (BASE64_ALPHABET[bits & 63]! << 8));
/** Below this, base64 in JavaScript straight into the answer beats Node's encoder, its string and the copy of it. */
const NATIVE_BASE64_BYTES = 512;

/**
 * GetRecords' answer, written from the shard log's bytes: per record, the sequence number's digits over a copied
 * template, the arrival's text once per distinct arrival (a PutRecords batch shares one), base64 from the data
 * where it lies, and the partition key's bytes as stored when JSON needs no escape in them. The text is exactly
 * what jsonResponse.ts writes of `toOutput()` (test/emulator/kinesis/getRecordsAnswer.test.ts compares them).
 */
export class GetRecordsAnswer extends SelfWrittenJson<GetRecordsOutput> {
  constructor(
    private readonly frames: LogFrames,
    private readonly sequenceNumber: (ordinal: number) => string,
    private readonly tail: GetRecordsTail,
  ) {
    super();
  }

  toOutput(): GetRecordsOutput {
    const frames = this.frames;
    const records = new Array<_Record>(frames.length);
    for (let index = 0; index < frames.length; index += 1) {
      records[index] = {
        SequenceNumber: this.sequenceNumber(frames.ordinal(index)),
        ApproximateArrivalTimestamp: new Date(frames.arrivalMs(index)),
        Data: frames.data(index),
        PartitionKey: frames.partitionKey(index),
      };
    }
    return { Records: records, ...this.tail };
  }

  writeJson(): Buffer {
    const frames = this.frames;
    const head = Buffer.from(`{"SequenceNumber":"${this.sequenceNumber(0)}${AFTER_SEQUENCE_NUMBER}`, "latin1");
    const ordinalEnd = head.length - AFTER_SEQUENCE_NUMBER.length;
    const tailText = wireJson(this.tail);
    const close = Buffer.from(tailText === "{}" ? "]}" : `],${tailText.slice(1)}`, "utf8");
    // Enough unless keys need escapes or arrivals are long numbers: then the buffer grows.
    const estimate = Math.ceil((frames.byteLength * 4) / 3) + frames.length * (head.length + RECORD_FIXED_BYTES + 24);
    let out = Buffer.allocUnsafe(RECORDS_OPEN.length + estimate + close.length);
    const ensure = (at: number, length: number): void => {
      if (at + length > out.length) {
        const larger = Buffer.allocUnsafe(Math.max(out.length * 2, at + length));
        out.copy(larger, 0, 0, at);
        out = larger;
      }
    };
    let at = RECORDS_OPEN.copy(out, 0);
    let lastArrivalMs = Number.NaN;
    let timestamp = "";
    for (let index = 0; index < frames.length; index += 1) {
      const chunk = frames.chunk(index);
      const keyStart = frames.keyStart(index);
      const dataStart = frames.dataStart(index);
      const end = frames.end(index);
      const arrivalMs = frames.arrivalMs(index);
      if (arrivalMs !== lastArrivalMs) {
        // Through a Date, as the generic path goes: the same clipping and the same number text.
        timestamp = wireJson(new Date(arrivalMs)) + BEFORE_DATA;
        lastArrivalMs = arrivalMs;
      }
      const escapedKey = plainKey(chunk, keyStart, dataStart) ? undefined : JSON.stringify(chunk.toString("utf8", keyStart, dataStart));
      const keyBytes = escapedKey === undefined ? dataStart - keyStart + 2 : Buffer.byteLength(escapedKey, "utf8");
      ensure(at, head.length + timestamp.length + Math.ceil((end - dataStart) / 3) * 4 + AFTER_DATA.length + keyBytes + 2);
      if (index > 0) {
        out[at] = 0x2c;
        at += 1;
      }
      head.copy(out, at);
      writeOrdinalOverZero(out, at + ordinalEnd, frames.ordinal(index));
      at += head.length;
      at += out.write(timestamp, at, "latin1");
      at = writeBase64(out, at, chunk, dataStart, end);
      at += AFTER_DATA.copy(out, at);
      if (escapedKey === undefined) {
        out[at] = QUOTE;
        at += 1;
        for (let byte = keyStart; byte < dataStart; byte += 1) {
          out[at] = chunk[byte]!;
          at += 1;
        }
        out[at] = QUOTE;
        at += 1;
      } else {
        at += out.write(escapedKey, at, "utf8");
      }
      out[at] = 0x7d;
      at += 1;
    }
    ensure(at, close.length);
    at += close.copy(out, at);
    return out.subarray(0, at);
  }
}

/** `source[start, end)` as base64 (with padding, as Buffer's) into `target` at `at`; returns the end. */
function writeBase64(target: Buffer, at: number, source: Buffer, start: number, end: number): number {
  if (end - start >= NATIVE_BASE64_BYTES) {
    return at + target.write(source.toString("base64", start, end), at, "latin1");
  }
  let from = start;
  const whole = end - ((end - start) % 3);
  while (from < whole) {
    const bits = (source[from]! << 16) | (source[from + 1]! << 8) | source[from + 2]!;
    const high = BASE64_PAIRS[bits >> 12]!;
    const low = BASE64_PAIRS[bits & 4095]!;
    target[at] = high & 255;
    target[at + 1] = high >> 8;
    target[at + 2] = low & 255;
    target[at + 3] = low >> 8;
    at += 4;
    from += 3;
  }
  if (from < end) {
    const bits = (source[from]! << 16) | (from + 1 < end ? source[from + 1]! << 8 : 0);
    target[at] = BASE64_ALPHABET[bits >> 18]!;
    target[at + 1] = BASE64_ALPHABET[(bits >> 12) & 63]!;
    target[at + 2] = from + 1 < end ? BASE64_ALPHABET[(bits >> 6) & 63]! : 0x3d;
    target[at + 3] = 0x3d;
    at += 4;
  }
  return at;
}

/** Printable ASCII with no quote or backslash: JSON.stringify leaves it as it is, so its bytes are its JSON. */
function plainKey(chunk: Buffer, start: number, end: number): boolean {
  for (let at = start; at < end; at += 1) {
    const byte = chunk[at]!;
    if (byte < 0x20 || byte >= 0x7f || byte === QUOTE || byte === BACKSLASH) {
      return false;
    }
  }
  return true;
}
