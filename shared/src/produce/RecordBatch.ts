import type { TelemetryRecord } from "./TelemetryRecord";

const MiB = 1024 * 1024;

/** The PutRecords limits Kinesis enforces; sizes count the data blob plus the partition key, in bytes. */
export const KINESIS_LIMITS = {
  maxRecordsPerRequest: 500,
  maxBytesPerRequest: 5 * MiB,
  maxBytesPerRecord: 1 * MiB,
  maxPartitionKeyLength: 256,
} as const;

/** A record ready to put: its JSON bytes, its partition key, and when it was built (for the linger deadline). */
export interface OutgoingRecord {
  readonly record: TelemetryRecord;
  readonly data: Uint8Array;
  readonly partitionKey: string;
  /** Data plus partition key bytes: what Kinesis counts against its limits. */
  readonly size: number;
  readonly builtAtMs: number;
}

export function outgoingSize(data: Uint8Array, partitionKey: string): number {
  return data.byteLength + Buffer.byteLength(partitionKey, "utf8");
}

/** Records waiting for one PutRecords request, kept within the count and byte limits of a request. */
export class RecordBatch {
  private records: OutgoingRecord[] = [];
  private byteCount = 0;

  constructor(private readonly maxRecords: number = KINESIS_LIMITS.maxRecordsPerRequest) {
    if (!Number.isInteger(maxRecords) || maxRecords < 1 || maxRecords > KINESIS_LIMITS.maxRecordsPerRequest) {
      throw new RangeError(`a batch holds 1 to ${KINESIS_LIMITS.maxRecordsPerRequest} records, got ${maxRecords}`);
    }
  }

  get length(): number {
    return this.records.length;
  }

  get bytes(): number {
    return this.byteCount;
  }

  get isFull(): boolean {
    return this.records.length >= this.maxRecords;
  }

  /** When the oldest record waiting was built; undefined when the batch is empty. */
  get oldestBuiltAtMs(): number | undefined {
    return this.records[0]?.builtAtMs;
  }

  /** Whether the record can join without breaking a limit (an empty batch takes any record within the per-record limit). */
  fits(outgoing: OutgoingRecord): boolean {
    return !this.isFull && this.byteCount + outgoing.size <= KINESIS_LIMITS.maxBytesPerRequest;
  }

  add(outgoing: OutgoingRecord): void {
    if (!this.fits(outgoing)) {
      throw new RangeError(`record of ${outgoing.size} bytes does not fit a batch of ${this.length} records and ${this.byteCount} bytes`);
    }
    this.records.push(outgoing);
    this.byteCount += outgoing.size;
  }

  /** Empties the batch, returning what it held in the order it was added. */
  take(): OutgoingRecord[] {
    const taken = this.records;
    this.records = [];
    this.byteCount = 0;
    return taken;
  }
}
