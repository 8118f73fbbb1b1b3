import { open, readdir, readFile, rm, type FileHandle } from "node:fs/promises";
import { join } from "node:path";

export interface LoggedRecord {
  /** Position in the log, from 1, strictly increasing. */
  readonly seq: number;
  readonly arrivalMs: number;
  readonly data: Uint8Array;
}

const SEGMENT = /^records-(\d+)\.jsonl$/;
/** A segment this large is closed and a new one started, so delivered records can be deleted. */
const ROTATE_BYTES = 16 * 1024 * 1024;

const segmentName = (firstSeq: number): string => `records-${String(firstSeq).padStart(12, "0")}.jsonl`;

interface Segment {
  readonly firstSeq: number;
  readonly path: string;
}

/**
 * DirectPut records, appended to disk before PutRecord / PutRecordBatch answer, so an acknowledged record
 * survives a crash until it is delivered. JSON lines in segment files named after their first position;
 * segments wholly delivered are deleted. Every open starts a new segment, so a line torn by a crash is
 * only ever the last line of an older segment, and is skipped (its put was never acknowledged).
 */
export class DirectPutLog {
  private handle: FileHandle | undefined;
  private activeBytes = 0;
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly directory: string,
    private readonly segments: Segment[],
    private nextSeq: number,
  ) {}

  /** Opens the log in `directory`, returning the records after `deliveredSeq`, oldest first. */
  static async open(directory: string, deliveredSeq: number): Promise<{ log: DirectPutLog; undelivered: LoggedRecord[] }> {
    const segments = (await readdir(directory))
      .flatMap((name) => {
        const match = SEGMENT.exec(name);
        return match === null ? [] : [{ firstSeq: Number(match[1]), path: join(directory, name) }];
      })
      .sort((a, b) => a.firstSeq - b.firstSeq);
    const undelivered: LoggedRecord[] = [];
    let lastSeq = deliveredSeq;
    for (const segment of segments) {
      for (const line of (await readFile(segment.path, "utf8")).split("\n")) {
        let entry: { seq: number; t: number; d: string };
        try {
          entry = JSON.parse(line) as typeof entry;
        } catch {
          continue;
        }
        lastSeq = Math.max(lastSeq, entry.seq);
        if (entry.seq > deliveredSeq) {
          undelivered.push({ seq: entry.seq, arrivalMs: entry.t, data: new Uint8Array(Buffer.from(entry.d, "base64")) });
        }
      }
    }
    const log = new DirectPutLog(directory, segments, lastSeq + 1);
    await log.release(deliveredSeq);
    return { log, undelivered };
  }

  private serially<T>(task: () => Promise<T>): Promise<T> {
    const result = this.queue.then(task);
    this.queue = result.catch(() => undefined);
    return result;
  }

  /** Appends records and resolves once they are written to the operating system, with their positions. */
  append(records: readonly { readonly data: Uint8Array; readonly arrivalMs: number }[]): Promise<LoggedRecord[]> {
    return this.serially(async () => {
      if (this.handle === undefined) {
        const segment = { firstSeq: this.nextSeq, path: join(this.directory, segmentName(this.nextSeq)) };
        this.handle = await open(segment.path, "a");
        this.segments.push(segment);
        this.activeBytes = 0;
      }
      const logged = records.map((record, index) => ({ seq: this.nextSeq + index, arrivalMs: record.arrivalMs, data: record.data }));
      const text = logged
        .map((record) => `${JSON.stringify({ seq: record.seq, t: record.arrivalMs, d: Buffer.from(record.data.buffer, record.data.byteOffset, record.data.byteLength).toString("base64") })}\n`)
        .join("");
      await this.handle.appendFile(text, "utf8");
      this.nextSeq += logged.length;
      this.activeBytes += Buffer.byteLength(text);
      if (this.activeBytes >= ROTATE_BYTES) {
        await this.closeActive();
      }
      return logged;
    });
  }

  /** Deletes the segments whose records are all delivered (`deliveredSeq` and before). */
  release(deliveredSeq: number): Promise<void> {
    return this.serially(async () => {
      if (deliveredSeq >= this.nextSeq - 1 && this.handle !== undefined) {
        await this.closeActive();
      }
      while (this.segments.length > 0) {
        const following = this.segments[1]?.firstSeq ?? (this.handle === undefined ? this.nextSeq : undefined);
        if (following === undefined || following - 1 > deliveredSeq) {
          break;
        }
        await rm(this.segments.shift()!.path, { force: true });
      }
    });
  }

  private async closeActive(): Promise<void> {
    await this.handle?.close();
    this.handle = undefined;
  }

  async close(): Promise<void> {
    await this.serially(() => this.closeActive());
  }
}
