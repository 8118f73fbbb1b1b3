import { GetRecordsCommand, GetShardIteratorCommand } from "@aws-sdk/client-kinesis";
import { CpuMeter } from "../proc/CpuMeter";
import type { ReadPhaseResult } from "../report/types";
import type { ReadVerifier } from "../verify/ReadVerifier";
import { phaseFigures } from "./phaseFigures";
import type { StreamTarget } from "./StreamTarget";

export const GET_RECORDS_LIMIT = 10_000;
/** Empty answers in a row, with records still missing, before a reader gives up (the verifier then reports them). */
const EMPTY_ANSWERS_TOLERATED = 20;

/**
 * Drains every shard from TRIM_HORIZON, one reader per shard as a consumer runs them, until it has read what the
 * ledger says the shard acknowledged and an answer comes back empty (so extra records would be seen too).
 */
export async function runReadPhase(source: StreamTarget, verifier: ReadVerifier): Promise<ReadPhaseResult> {
  const { client, stream, ledger } = source;
  const expected = new Array<number>(stream.shards.length).fill(0);
  for (let index = 0; index < ledger.capacity; index++) {
    const shard = ledger.shardOf[index]!;
    if (shard !== -1) {
      expected[shard]!++;
    }
  }
  const latenciesUs: number[] = [];
  let records = 0;
  const verificationBefore = verifier.cpuUs;
  const meter = CpuMeter.start(source.serverPid);
  await Promise.all(
    stream.shards.map(async (shard, shardIndex) => {
      const started = await client.send(new GetShardIteratorCommand({ StreamName: stream.name, ShardId: shard.shardId, ShardIteratorType: "TRIM_HORIZON" }));
      let iterator = started.ShardIterator;
      let read = 0;
      let emptyInARow = 0;
      while (iterator !== undefined) {
        const began = process.hrtime.bigint();
        const answer = await client.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: GET_RECORDS_LIMIT }));
        latenciesUs.push(Number(process.hrtime.bigint() - began) / 1000);
        const batch = answer.Records ?? [];
        verifier.accept(shardIndex, batch);
        read += batch.length;
        iterator = answer.NextShardIterator;
        if (batch.length > 0) {
          emptyInARow = 0;
        } else if (read >= expected[shardIndex]! || ++emptyInARow > EMPTY_ANSWERS_TOLERATED) {
          break;
        }
      }
      records += read;
    }),
  );
  const cpu = meter.stop();
  return {
    ...phaseFigures(records, latenciesUs.length, Float64Array.from(latenciesUs), cpu),
    readers: stream.shards.length,
    getRecordsLimit: GET_RECORDS_LIMIT,
    verificationCpuUs: verifier.cpuUs - verificationBefore,
  };
}
