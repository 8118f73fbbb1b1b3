import type { BenchStream } from "../kinesis/benchStream";
import type { Ledger } from "../workload/Ledger";
import { hashKeyOf, PARTITION_KEYS } from "../workload/partitionKeys";
import { partitionKeyOf } from "../workload/records";
import type { Failures } from "./ReadVerifier";

/** What the bench checks, in words, for the report. */
export const VERIFICATION_CHECKS: readonly string[] = [
  "every acknowledged record is read back exactly once, and nothing else is read",
  "each record's bytes and partition key are exactly those written",
  "each record is read from the shard its put acknowledged, with the sequence number its put acknowledged, and that shard's hash-key range holds the MD5 of its partition key",
  "sequence numbers strictly increase within each shard, in the order GetRecords returns them",
  "per partition key, a record whose put was acknowledged before another's put was sent is read first: for c=1 that is every pair of the key's records; with concurrent requests (c=16, c=4) only pairs from requests that did not overlap in time, since overlapping requests have no defined order",
  "within one PutRecords request, records of one partition key are read in their order in the request: AWS documents no order inside PutRecords (a partially failed request retried reorders), but no record failed or was retried here, and both servers keep request order",
];

export function checkShardAssignment(ledger: Ledger, stream: BenchStream, failures: Failures): void {
  const expected = new Map(PARTITION_KEYS.map((key) => [key, stream.shardIndexOfHashKey(hashKeyOf(key))]));
  for (let index = 0; index < ledger.capacity; index++) {
    const shard = ledger.shardOf[index]!;
    const key = partitionKeyOf(index);
    if (shard !== -1 && shard !== expected.get(key)) {
      failures.add(`record ${index}: partition key ${key} hashes to shard ${expected.get(key)}, its put acknowledged shard ${shard}`);
    }
  }
}

/** `readOrder`: per shard, record indices in the order GetRecords returned them (already checked to be sequence order). */
export function checkPartitionKeyOrder(ledger: Ledger, readOrder: readonly (readonly number[])[], failures: Failures): void {
  for (const order of readOrder) {
    const byKey = new Map<string, number[]>();
    for (const index of order) {
      const key = partitionKeyOf(index);
      let indices = byKey.get(key);
      if (indices === undefined) {
        indices = [];
        byKey.set(key, indices);
      }
      indices.push(index);
    }
    for (const [key, indices] of byKey) {
      checkHappensBefore(key, indices, ledger, failures);
      checkRequestOrder(key, indices, ledger, failures);
    }
  }
}

/** Walking back from the end, the earliest acknowledgement among the records read later must not precede this send. */
function checkHappensBefore(key: string, indices: readonly number[], ledger: Ledger, failures: Failures): void {
  let earliestAckAfter = Infinity;
  let earliestAckedAfter = -1;
  for (let position = indices.length - 1; position >= 0; position--) {
    const index = indices[position]!;
    if (ledger.sentAt[index]! > earliestAckAfter) {
      failures.add(`partition key ${key}: record ${earliestAckedAfter}'s put was acknowledged before record ${index}'s was sent, yet it is read after it`);
    }
    if (ledger.ackedAt[index]! < earliestAckAfter) {
      earliestAckAfter = ledger.ackedAt[index]!;
      earliestAckedAfter = index;
    }
  }
}

/** A request's records carry consecutive indices in request order, and share their send instant. */
function checkRequestOrder(key: string, indices: readonly number[], ledger: Ledger, failures: Failures): void {
  const lastOfRequest = new Map<number, number>();
  for (const index of indices) {
    const request = ledger.sentAt[index]!;
    const last = lastOfRequest.get(request);
    if (last !== undefined && last > index) {
      failures.add(`partition key ${key}: record ${index} is read after record ${last} of the same PutRecords request, which followed it in the request`);
    }
    lastOfRequest.set(request, index);
  }
}
