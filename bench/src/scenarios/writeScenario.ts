import { PutRecordCommand, PutRecordsCommand } from "@aws-sdk/client-kinesis";
import { CpuMeter } from "../proc/CpuMeter";
import { readProcessMemory } from "../proc/procfs";
import type { WriteScenarioResult, WriteScenarioSpec } from "../report/types";
import { partitionKeyOf, recordBytes } from "../workload/records";
import { phaseFigures } from "./phaseFigures";
import type { StreamTarget } from "./StreamTarget";

/**
 * Writes records [firstIndex, firstIndex + spec.records) with `spec.concurrency` requests in flight, each worker
 * taking the next batch of indices as it finishes one. Every record's acknowledgement goes into the ledger.
 */
export async function writeRecords(target: StreamTarget, spec: WriteScenarioSpec, firstIndex: number): Promise<Float64Array> {
  const { client, stream, ledger } = target;
  const end = firstIndex + spec.records;
  const latenciesUs = new Float64Array(Math.ceil(spec.records / spec.batchSize));
  let next = firstIndex;
  let requests = 0;
  const worker = async (): Promise<void> => {
    while (next < end) {
      const start = next;
      const count = Math.min(spec.batchSize, end - start);
      next += count;
      if (spec.api === "PutRecord") {
        const command = new PutRecordCommand({ StreamName: stream.name, PartitionKey: partitionKeyOf(start), Data: recordBytes(start) });
        const sentAt = ledger.tick();
        const began = process.hrtime.bigint();
        const answer = await client.send(command);
        latenciesUs[requests++] = Number(process.hrtime.bigint() - began) / 1000;
        ledger.acknowledge(start, stream.shardIndexOf(answer.ShardId!), answer.SequenceNumber!, sentAt, ledger.tick());
      } else {
        const entries = Array.from({ length: count }, (_, offset) => ({ PartitionKey: partitionKeyOf(start + offset), Data: recordBytes(start + offset) }));
        const command = new PutRecordsCommand({ StreamName: stream.name, Records: entries });
        const sentAt = ledger.tick();
        const began = process.hrtime.bigint();
        const answer = await client.send(command);
        latenciesUs[requests++] = Number(process.hrtime.bigint() - began) / 1000;
        const ackedAt = ledger.tick();
        const results = answer.Records ?? [];
        if ((answer.FailedRecordCount ?? 0) > 0 || results.length !== count) {
          // Nothing here throttles (no shard limits are enforced), so a failed record is a server fault, not load.
          const failed = results.find((result) => result.ErrorCode !== undefined);
          throw new Error(`PutRecords answered ${answer.FailedRecordCount} failed of ${count} (${results.length} results): ${failed?.ErrorCode} ${failed?.ErrorMessage}`);
        }
        results.forEach((result, offset) => ledger.acknowledge(start + offset, stream.shardIndexOf(result.ShardId!), result.SequenceNumber!, sentAt, ackedAt));
      }
    }
  };
  await Promise.all(Array.from({ length: spec.concurrency }, worker));
  return latenciesUs.subarray(0, requests);
}

export async function runWriteScenario(target: StreamTarget, spec: WriteScenarioSpec, firstIndex: number): Promise<WriteScenarioResult> {
  const meter = CpuMeter.start(target.serverPid);
  const latenciesUs = await writeRecords(target, spec, firstIndex);
  const cpu = meter.stop();
  return {
    scenario: spec,
    ...phaseFigures(spec.records, latenciesUs.length, latenciesUs, cpu),
    serverRssBytesAfter: readProcessMemory(target.serverPid).rssBytes,
  };
}
