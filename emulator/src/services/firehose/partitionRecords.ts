import type { BufferedRecord } from "./DeliveryBuffer";
import { MAX_ACTIVE_PARTITIONS, type DynamicPartitioning } from "./deliverySettings";
import type { ExtractedKeys } from "./metadataExtraction";
import { MAX_EVALUATED_PREFIX_LENGTH } from "./objectKeys";
import { evaluatePrefix, type PrefixTemplate } from "./prefixExpressions";

/** Where the records of one partition go: their keys, or the error output type of records that failed. */
export type PartitionOutcome = "delivered" | "partitioning-failed" | "activePartitionExceeded";

/** The records of one buffer that share a partition: one object. */
export interface RecordPartition {
  /** Identifies the partition among those of its buffer (the same records give the same label after a restart). */
  readonly label: string;
  readonly outcome: PartitionOutcome;
  readonly keys?: Readonly<Record<string, string>>;
  readonly records: BufferedRecord[];
  /** Per record, why its keys could not be extracted (partitioning-failed only). */
  readonly errors?: string[];
}

/**
 * Splits a buffer's records by partition, in the order each partition first appears, so that the same records always
 * split the same way. Records whose keys cannot be extracted, or whose evaluated Prefix would be too long, go to
 * `partitioning-failed`; records of partitions past the active partitions limit to `activePartitionExceeded`, as
 * https://docs.aws.amazon.com/firehose/latest/dev/buffering.html describes.
 */
export async function partitionRecords(records: readonly BufferedRecord[], partitioning: DynamicPartitioning, prefix: PrefixTemplate): Promise<RecordPartition[]> {
  const { extractPartitionKeys } = require("./metadataExtraction") as typeof import("./metadataExtraction");
  const extracted: ExtractedKeys[] = await extractPartitionKeys(
    records.map((record) => record.data),
    partitioning.query,
    partitioning.keys,
  );
  const partitions = new Map<string, RecordPartition>();
  let active = 0;
  const add = (label: string, make: () => RecordPartition, record: BufferedRecord, error?: string): void => {
    let partition = partitions.get(label);
    if (partition === undefined) {
      partition = make();
      partitions.set(label, partition);
    }
    partition.records.push(record);
    if (error !== undefined) {
      partition.errors?.push(error);
    }
  };
  const failed = (record: BufferedRecord, error: string): void =>
    add("partitioning-failed", () => ({ label: "partitioning-failed", outcome: "partitioning-failed", records: [], errors: [] }), record, error);
  records.forEach((record, index) => {
    const result = extracted[index]!;
    if ("error" in result) {
      failed(record, result.error);
      return;
    }
    const label = `keys:${JSON.stringify(partitioning.keys.map((key) => result.keys[key]))}`;
    if (!partitions.has(label)) {
      const length = evaluatePrefix(prefix, { timeMs: record.arrivalMs, partitionKeys: result.keys, randomString: () => "x".repeat(11) }).length;
      if (length > MAX_EVALUATED_PREFIX_LENGTH) {
        failed(record, `The evaluated Prefix is longer than ${MAX_EVALUATED_PREFIX_LENGTH} characters.`);
        return;
      }
      if (active >= MAX_ACTIVE_PARTITIONS) {
        add("activePartitionExceeded", () => ({ label: "activePartitionExceeded", outcome: "activePartitionExceeded", records: [], errors: [] }), record, `The number of active partitions exceeded ${MAX_ACTIVE_PARTITIONS}.`);
        return;
      }
      active += 1;
    }
    add(label, () => ({ label, outcome: "delivered", keys: result.keys, records: [] }), record);
  });
  return [...partitions.values()];
}
