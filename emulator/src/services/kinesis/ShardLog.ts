import { closeSync, fdatasync, fstatSync, ftruncateSync, openSync, read, readSync, writeSync } from "node:fs";
import { crc32 } from "node:zlib";

/**
 * A frame per record, appended to the shard's file:
 *   u32 frame length (header included) | u32 CRC-32 of everything after it |
 *   f64 arrival (epoch ms) | u16 partition key bytes | partition key (UTF-8) | data
 * Little-endian. A record's ordinal is its place in the file (1 for the first), so it is not stored.
 */
const HEADER_BYTES = 18;
/** Larger than any record Kinesis accepts (1 MiB of data and a 256-character key): a bigger length is garbage. */
const MAX_FRAME_BYTES = 16 * 1024 * 1024;
/** The index keeps the offset and arrival of every 64th record: 16 bytes per 64 records in memory. */
const BLOCK_SHIFT = 6;
const BLOCK_RECORDS = 1 << BLOCK_SHIFT;
const MIN_READ_BYTES = 4096;
const MAX_READ_BYTES = 1024 * 1024;

export interface AppendEntry {
  readonly partitionKey: string;
  readonly data: Uint8Array;
  /** The partition key's UTF-8 length, when the caller already knows it. */
  readonly keyBytes?: number;
}

export interface LogRecord {
  readonly ordinal: number;
  readonly arrivalMs: number;
  readonly partitionKey: string;
  readonly data: Uint8Array;
}

export interface ReadResult {
  readonly records: LogRecord[];
  /** The ordinal to read next. */
  readonly nextOrdinal: number;
  /** The arrival of the first record left unread by a limit; undefined when the read reached the end. */
  readonly nextArrivalMs: number | undefined;
}

export interface ShardLogOptions {
  /** fdatasync before `durable()` resolves (group commit); otherwise appends are durable once written to the OS. */
  readonly fsync: boolean;
  readonly log: (message: string) => void;
}

export interface FramesReadResult extends Omit<ReadResult, "records"> {
  readonly frames: LogFrames;
}

type FrameVisitor = (chunk: Buffer, at: number, frameLength: number) => boolean;
type FrameTaker = (chunk: Buffer, at: number, frameLength: number, ordinal: number) => void;

/**
 * Records read, left where they lie in the log's read buffers: a buffer, an offset and an ordinal each. An answer is
 * written from their bytes (GetRecords' JSON: the partition key as stored, base64 from the data in place) with no
 * object, string or Date per record.
 */
export class LogFrames {
  private readonly chunks: Buffer[] = [];
  private readonly offsets: number[] = [];
  private readonly ordinals: number[] = [];
  private frameBytes = 0;

  get length(): number {
    return this.ordinals.length;
  }

  /** The frames' bytes, headers included. */
  get byteLength(): number {
    return this.frameBytes;
  }

  push(chunk: Buffer, at: number, frameLength: number, ordinal: number): void {
    this.frameBytes += frameLength;
    this.chunks.push(chunk);
    this.offsets.push(at);
    this.ordinals.push(ordinal);
  }

  ordinal(index: number): number {
    return this.ordinals[index]!;
  }

  arrivalMs(index: number): number {
    return this.chunks[index]!.readDoubleLE(this.offsets[index]! + 8);
  }

  /** The buffer that holds the record's frame; `keyStart`, `dataStart` and `end` are offsets in it. */
  chunk(index: number): Buffer {
    return this.chunks[index]!;
  }

  keyStart(index: number): number {
    return this.offsets[index]! + HEADER_BYTES;
  }

  /** Where the partition key (UTF-8) ends and the data begins. */
  dataStart(index: number): number {
    const at = this.offsets[index]!;
    return at + HEADER_BYTES + this.chunks[index]!.readUInt16LE(at + 16);
  }

  end(index: number): number {
    const at = this.offsets[index]!;
    return at + this.chunks[index]!.readUInt32LE(at);
  }

  partitionKey(index: number): string {
    return this.chunks[index]!.toString("utf8", this.keyStart(index), this.dataStart(index));
  }

  /** A view of the data in the read buffer, not a copy. */
  data(index: number): Uint8Array {
    const chunk = this.chunks[index]!;
    const start = this.dataStart(index);
    return new Uint8Array(chunk.buffer, chunk.byteOffset + start, this.end(index) - start);
  }
}

/**
 * One shard's records: an append-only file and a sparse in-memory index. Appends are one synchronous
 * write each (so a record is with the operating system before its acknowledgement leaves and a killed
 * process loses nothing acknowledged); reads go to the file. Opening checks every frame and cuts off a
 * torn or corrupt tail, which is therefore never served.
 */
export class ShardLog {
  private blockOffsets: Float64Array = new Float64Array(64);
  private blockArrivals: Float64Array = new Float64Array(64);
  private recordCount = 0;
  private size = 0;
  private lastArrival = -Infinity;
  private closed = false;
  private readonly pendingReads = new Set<Promise<unknown>>();
  private syncing: Promise<void> | undefined;
  private queuedSync: Promise<void> | undefined;

  private constructor(
    readonly path: string,
    private readonly fd: number,
    private readonly options: ShardLogOptions,
  ) {}

  static open(path: string, options: ShardLogOptions): ShardLog {
    const log = new ShardLog(path, openSync(path, "a+"), options);
    try {
      log.recover();
    } catch (error) {
      closeSync(log.fd);
      throw error;
    }
    return log;
  }

  /** Records in the shard; the newest has this ordinal. */
  get count(): number {
    return this.recordCount;
  }

  get lastArrivalMs(): number | undefined {
    return this.recordCount === 0 ? undefined : this.lastArrival;
  }

  /**
   * Appends records in order, all with one arrival time (raised to the newest record's, so arrivals never
   * go back), in one write. Returns the ordinal of the first. On a failed write the file is cut back and
   * the error thrown: nothing of the batch is kept.
   */
  append(entries: readonly AppendEntry[], arrivalMs: number): number {
    if (this.closed) {
      throw new Error(`shard log ${this.path} is closed`);
    }
    const arrival = Math.max(arrivalMs, this.lastArrival);
    const keyBytes = new Array<number>(entries.length);
    let total = 0;
    for (let index = 0; index < entries.length; index += 1) {
      const entry = entries[index]!;
      keyBytes[index] = entry.keyBytes ?? Buffer.byteLength(entry.partitionKey, "utf8");
      total += HEADER_BYTES + keyBytes[index]! + entry.data.length;
    }
    const buffer = Buffer.allocUnsafe(total);
    let at = 0;
    for (let index = 0; index < entries.length; index += 1) {
      const entry = entries[index]!;
      const frameLength = HEADER_BYTES + keyBytes[index]! + entry.data.length;
      buffer.writeDoubleLE(arrival, at + 8);
      buffer.writeUInt16LE(keyBytes[index]!, at + 16);
      buffer.write(entry.partitionKey, at + HEADER_BYTES, keyBytes[index]!, "utf8");
      buffer.set(entry.data, at + HEADER_BYTES + keyBytes[index]!);
      buffer.writeUInt32LE(frameLength, at);
      buffer.writeUInt32LE(crc32(buffer.subarray(at + 8, at + frameLength)), at + 4);
      at += frameLength;
    }
    this.writeAll(buffer);
    const first = this.recordCount + 1;
    let offset = this.size;
    for (let index = 0; index < entries.length; index += 1) {
      this.index(offset, arrival);
      offset += HEADER_BYTES + keyBytes[index]! + entries[index]!.data.length;
    }
    this.size = offset;
    return first;
  }

  /**
   * Resolves once everything appended before the call is on stable storage: immediately without the
   * fsync option; otherwise with one fdatasync shared by every caller waiting at the time.
   */
  durable(): Promise<void> {
    if (!this.options.fsync) {
      return Promise.resolve();
    }
    if (this.syncing === undefined) {
      this.syncing = this.runSync();
      return this.syncing;
    }
    // The running sync may have started before our write; the next one covers us and all who queue with us.
    const startNext = (): Promise<void> => {
      this.queuedSync = undefined;
      this.syncing = this.runSync();
      return this.syncing;
    };
    this.queuedSync ??= this.syncing.then(startNext, startNext);
    return this.queuedSync;
  }

  /**
   * Up to `maxRecords` records from `fromOrdinal` on, skipping those that arrived before `minArrivalMs`
   * (retention), stopping before `maxBytes` of data and keys are passed (at least one record is returned).
   * Records appended while reading are not seen.
   */
  read(fromOrdinal: number, maxRecords: number, maxBytes: number, minArrivalMs = -Infinity): Promise<ReadResult> {
    return this.track(this.readRecords(fromOrdinal, maxRecords, maxBytes, minArrivalMs));
  }

  /** `read`'s records as their frames in the read buffers, without an object or a string per record (GetRecords' JSON). */
  readFrames(fromOrdinal: number, maxRecords: number, maxBytes: number, minArrivalMs = -Infinity): Promise<FramesReadResult> {
    return this.track(this.readFrameSpan(fromOrdinal, maxRecords, maxBytes, minArrivalMs));
  }

  /** The ordinal of the first record that arrived at or after `arrivalMs`; count + 1 when none did. */
  firstOrdinalAtOrAfter(arrivalMs: number): Promise<number> {
    return this.track(this.findArrival(arrivalMs, this.recordCount, this.size));
  }

  async close(): Promise<void> {
    if (this.closed) {
      return;
    }
    this.closed = true;
    await Promise.allSettled([...this.pendingReads, this.queuedSync ?? this.syncing]);
    closeSync(this.fd);
  }

  private async readRecords(fromOrdinal: number, maxRecords: number, maxBytes: number, minArrivalMs: number): Promise<ReadResult> {
    const records: LogRecord[] = [];
    const span = await this.readSpan(fromOrdinal, maxRecords, maxBytes, minArrivalMs, (chunk, at, frameLength, ordinal) => {
      const keyEnd = at + HEADER_BYTES + chunk.readUInt16LE(at + 16);
      records.push({
        ordinal,
        arrivalMs: chunk.readDoubleLE(at + 8),
        partitionKey: chunk.toString("utf8", at + HEADER_BYTES, keyEnd),
        data: new Uint8Array(chunk.buffer, chunk.byteOffset + keyEnd, at + frameLength - keyEnd),
      });
    });
    return { records, ...span };
  }

  private async readFrameSpan(fromOrdinal: number, maxRecords: number, maxBytes: number, minArrivalMs: number): Promise<FramesReadResult> {
    const frames = new LogFrames();
    const span = await this.readSpan(fromOrdinal, maxRecords, maxBytes, minArrivalMs, (chunk, at, frameLength, ordinal) => frames.push(chunk, at, frameLength, ordinal));
    return { frames, ...span };
  }

  /** The records `read` answers, each handed to `take` as its frame in the read buffer. */
  private async readSpan(fromOrdinal: number, maxRecords: number, maxBytes: number, minArrivalMs: number, take: FrameTaker): Promise<{ nextOrdinal: number; nextArrivalMs: number | undefined }> {
    const count = this.recordCount;
    const end = this.size;
    let ordinal = Math.max(1, fromOrdinal);
    if (ordinal <= count && this.blockArrivals[this.blockOf(ordinal)]! < minArrivalMs) {
      ordinal = Math.max(ordinal, await this.findArrival(minArrivalMs, count, end));
    }
    if (ordinal > count) {
      return { nextOrdinal: ordinal, nextArrivalMs: undefined };
    }
    const block = this.blockOf(ordinal);
    let skip = ordinal - 1 - block * BLOCK_RECORDS;
    let taken = 0;
    let bytes = 0;
    let nextArrivalMs: number | undefined;
    const averageFrame = Math.ceil(end / count);
    await this.scan(this.blockOffsets[block]!, end, (skip + maxRecords + 1) * averageFrame, (chunk, at, frameLength) => {
      if (skip > 0) {
        skip -= 1;
        return true;
      }
      const arrival = chunk.readDoubleLE(at + 8);
      if (arrival < minArrivalMs) {
        ordinal += 1;
        return true;
      }
      const size = frameLength - HEADER_BYTES;
      if (taken >= maxRecords || (taken > 0 && bytes + size > maxBytes)) {
        nextArrivalMs = arrival;
        return false;
      }
      take(chunk, at, frameLength, ordinal);
      taken += 1;
      bytes += size;
      ordinal += 1;
      return true;
    });
    return { nextOrdinal: ordinal, nextArrivalMs };
  }

  private async findArrival(arrivalMs: number, count: number, end: number): Promise<number> {
    if (count === 0) {
      return 1;
    }
    // The last block that starts before `arrivalMs`: the first record at or after it is in it or starts the next.
    let low = 0;
    let high = this.blockOf(count);
    if (this.blockArrivals[0]! >= arrivalMs) {
      return 1;
    }
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.blockArrivals[middle]! < arrivalMs) {
        low = middle;
      } else {
        high = middle - 1;
      }
    }
    let ordinal = low * BLOCK_RECORDS + 1;
    let seen = 0;
    await this.scan(this.blockOffsets[low]!, end, MAX_READ_BYTES, (chunk, at) => {
      if (chunk.readDoubleLE(at + 8) >= arrivalMs) {
        return false;
      }
      ordinal += 1;
      seen += 1;
      return seen < BLOCK_RECORDS;
    });
    return Math.min(ordinal, count + 1);
  }

  /** Visits whole frames from `offset` until `end` or until the visitor returns false. */
  private async scan(offset: number, end: number, sizeHint: number, visit: FrameVisitor): Promise<void> {
    let chunk: Buffer = Buffer.alloc(0);
    let chunkStart = offset;
    const readSize = Math.min(MAX_READ_BYTES, Math.max(MIN_READ_BYTES, sizeHint));
    const load = async (length: number): Promise<void> => {
      chunk = await this.readAt(offset, Math.min(end - offset, Math.max(readSize, length)));
      chunkStart = offset;
      if (chunk.length < Math.max(HEADER_BYTES, length)) {
        throw new Error(`shard log ${this.path} is shorter than its index at offset ${offset}`);
      }
    };
    while (offset < end) {
      if (offset - chunkStart + HEADER_BYTES > chunk.length) {
        await load(HEADER_BYTES);
      }
      if (offset - chunkStart + chunk.readUInt32LE(offset - chunkStart) > chunk.length) {
        await load(chunk.readUInt32LE(offset - chunkStart));
      }
      const at = offset - chunkStart;
      const frameLength = chunk.readUInt32LE(at);
      if (!visit(chunk, at, frameLength)) {
        return;
      }
      offset += frameLength;
    }
  }

  private readAt(position: number, length: number): Promise<Buffer> {
    if (this.closed) {
      return Promise.reject(new Error(`shard log ${this.path} is closed`));
    }
    const buffer = Buffer.allocUnsafe(length);
    return new Promise((resolve, reject) => {
      read(this.fd, buffer, 0, length, position, (error, bytesRead) => (error === null ? resolve(buffer.subarray(0, bytesRead)) : reject(error)));
    });
  }

  private track<T>(promise: Promise<T>): Promise<T> {
    this.pendingReads.add(promise);
    const forget = (): void => void this.pendingReads.delete(promise);
    promise.then(forget, forget);
    return promise;
  }

  private blockOf(ordinal: number): number {
    return Math.floor((ordinal - 1) / BLOCK_RECORDS);
  }

  private index(offset: number, arrival: number): void {
    if (this.recordCount % BLOCK_RECORDS === 0) {
      const block = this.recordCount / BLOCK_RECORDS;
      if (block === this.blockOffsets.length) {
        this.blockOffsets = grow(this.blockOffsets);
        this.blockArrivals = grow(this.blockArrivals);
      }
      this.blockOffsets[block] = offset;
      this.blockArrivals[block] = arrival;
    }
    this.recordCount += 1;
    this.lastArrival = arrival;
  }

  private writeAll(buffer: Buffer): void {
    let written = 0;
    try {
      while (written < buffer.length) {
        written += writeSync(this.fd, buffer, written, buffer.length - written);
      }
    } catch (error) {
      try {
        ftruncateSync(this.fd, this.size);
      } catch (truncateError) {
        this.options.log(`kinesis: could not cut ${this.path} back after a failed write: ${String(truncateError)}`);
      }
      throw error;
    }
  }

  private runSync(): Promise<void> {
    return new Promise((resolve, reject) => {
      fdatasync(this.fd, (error) => {
        this.syncing = undefined;
        if (error === null) {
          resolve();
        } else {
          reject(error);
        }
      });
    });
  }

  /** Rebuilds the index from the file, checking every frame; cuts the file at the first bad one. */
  private recover(): void {
    const fileSize = fstatSync(this.fd).size;
    let scratch = Buffer.allocUnsafe(Math.min(fileSize, MAX_READ_BYTES));
    let chunk = scratch.subarray(0, 0);
    let chunkStart = 0;
    let offset = 0;
    /** Makes bytes [offset, offset + length) available in `chunk` (reusing one buffer); false when the file ends first. */
    const ensure = (length: number): boolean => {
      if (offset + length > fileSize) {
        return false;
      }
      if (offset + length <= chunkStart + chunk.length) {
        return true;
      }
      const size = Math.min(fileSize - offset, Math.max(length, MAX_READ_BYTES));
      if (scratch.length < size) {
        scratch = Buffer.allocUnsafe(size);
      }
      let filled = 0;
      while (filled < size) {
        const bytesRead = readSync(this.fd, scratch, filled, size - filled, offset + filled);
        if (bytesRead === 0) {
          break;
        }
        filled += bytesRead;
      }
      chunk = scratch.subarray(0, filled);
      chunkStart = offset;
      return filled >= length;
    };
    while (offset < fileSize && ensure(HEADER_BYTES)) {
      const frameLength = chunk.readUInt32LE(offset - chunkStart);
      if (frameLength < HEADER_BYTES || frameLength > MAX_FRAME_BYTES || !ensure(frameLength)) {
        break;
      }
      const at = offset - chunkStart;
      const valid =
        crc32(chunk.subarray(at + 8, at + frameLength)) === chunk.readUInt32LE(at + 4) && HEADER_BYTES + chunk.readUInt16LE(at + 16) <= frameLength;
      if (!valid) {
        break;
      }
      this.index(offset, chunk.readDoubleLE(at + 8));
      offset += frameLength;
    }
    if (offset < fileSize) {
      this.options.log(`kinesis: ${this.path}: cut ${fileSize - offset} bytes of torn or corrupt tail after ${this.recordCount} records`);
      ftruncateSync(this.fd, offset);
    }
    this.size = offset;
  }
}

function grow(array: Float64Array): Float64Array {
  const larger = new Float64Array(array.length * 2);
  larger.set(array);
  return larger;
}
