import type { _Record } from "@aws-sdk/client-kinesis";
import type { Ledger } from "../workload/Ledger";
import { indexOfRecord, partitionKeyOf, recordBytes } from "../workload/records";

const FAILURES_KEPT = 20;

/** Decimal sequence numbers without leading zeros: the longer is the larger, else compare as text. */
export function compareSequenceNumbers(a: string, b: string): number {
  return a.length !== b.length ? a.length - b.length : a < b ? -1 : a > b ? 1 : 0;
}

/** A list of failures that keeps the first few messages and counts the rest. */
export class Failures {
  readonly messages: string[] = [];
  count = 0;

  add(message: string): void {
    this.count++;
    if (this.messages.length < FAILURES_KEPT) {
      this.messages.push(message);
    }
  }
}

/**
 * Checks each record as a reader gets it: one of ours (by the index it carries), read once, with exactly the bytes and
 * partition key written, from the shard and with the sequence number its put acknowledged, and in increasing sequence
 * order within its shard. Keeps each shard's read order for the order check.
 */
export class ReadVerifier {
  private readonly seen: Uint8Array;
  private readonly lastSequence: (string | undefined)[];
  readonly readOrder: number[][];
  private read = 0;
  /** CPU spent here, microseconds: the client's share of the read phase that is checking, not reading. */
  cpuUs = 0;

  constructor(
    private readonly ledger: Ledger,
    shardCount: number,
    readonly failures: Failures,
  ) {
    this.seen = new Uint8Array(ledger.capacity);
    this.lastSequence = new Array<string | undefined>(shardCount);
    this.readOrder = Array.from({ length: shardCount }, () => []);
  }

  get recordsRead(): number {
    return this.read;
  }

  accept(shard: number, records: readonly _Record[]): void {
    const began = process.cpuUsage();
    for (const record of records) {
      this.acceptOne(shard, record);
    }
    const used = process.cpuUsage(began);
    this.cpuUs += used.user + used.system;
  }

  private acceptOne(shard: number, record: _Record): void {
    this.read++;
    const sequence = record.SequenceNumber ?? "";
    const previous = this.lastSequence[shard];
    if (previous !== undefined && compareSequenceNumbers(previous, sequence) >= 0) {
      this.failures.add(`shard ${shard}: sequence number ${sequence} read after ${previous}`);
    }
    this.lastSequence[shard] = sequence;
    const data = record.Data ?? new Uint8Array();
    const index = indexOfRecord(data);
    if (index === undefined || index >= this.ledger.capacity) {
      this.failures.add(`shard ${shard}: a record that is not one the bench wrote (${data.length} bytes: ${Buffer.from(data).toString("latin1").slice(0, 60)})`);
      return;
    }
    if (this.seen[index] !== 0) {
      this.failures.add(`record ${index} read twice (again from shard ${shard} at ${sequence})`);
      return;
    }
    this.seen[index] = 1;
    this.readOrder[shard]!.push(index);
    if (!recordBytes(index).equals(data)) {
      this.failures.add(`record ${index}: bytes differ from those written`);
    }
    if (record.PartitionKey !== partitionKeyOf(index)) {
      this.failures.add(`record ${index}: partition key ${record.PartitionKey}, written ${partitionKeyOf(index)}`);
    }
    if (this.ledger.shardOf[index] !== shard) {
      this.failures.add(`record ${index}: read from shard ${shard}, its put acknowledged shard ${this.ledger.shardOf[index]}`);
    }
    if (this.ledger.sequenceOf[index] !== sequence) {
      this.failures.add(`record ${index}: read with sequence number ${sequence}, its put acknowledged ${this.ledger.sequenceOf[index]}`);
    }
  }

  /** Records acknowledged but never read. */
  checkNoneMissing(): void {
    for (let index = 0; index < this.ledger.capacity; index++) {
      if (this.ledger.shardOf[index] !== -1 && this.seen[index] === 0) {
        this.failures.add(`record ${index} (shard ${this.ledger.shardOf[index]}, ${this.ledger.sequenceOf[index]}) acknowledged but never read`);
      }
    }
  }
}
