import type { PutRecordsOutput, PutRecordsResultEntry } from "@aws-sdk/client-kinesis";
import { SelfWrittenJson } from "../../protocol/awsJson/SelfWrittenJson";
import type { PutOutcome } from "./Stream";

/**
 * PutRecords' answer, written as JSON text directly: one entry per record, up to 500 a request. Shard ids and
 * sequence numbers are the emulator's own ASCII (shardId-NNNNNNNNNNNN, digits), so they are written as they are;
 * an error's code and message go through JSON.stringify. Key order as jsonResponse writes toOutput().
 */
export class PutRecordsAnswer extends SelfWrittenJson<PutRecordsOutput> {
  constructor(
    private readonly outcomes: readonly PutOutcome[],
    private readonly failedRecordCount: number,
  ) {
    super();
  }

  toOutput(): PutRecordsOutput {
    return {
      FailedRecordCount: this.failedRecordCount,
      Records: this.outcomes.map(
        (outcome): PutRecordsResultEntry =>
          outcome.errorCode === undefined
            ? { ShardId: outcome.shard.id, SequenceNumber: outcome.sequenceNumber }
            : { ErrorCode: outcome.errorCode, ErrorMessage: outcome.errorMessage },
      ),
    };
  }

  writeJson(): Buffer {
    const entries = new Array<string>(this.outcomes.length);
    for (let index = 0; index < this.outcomes.length; index += 1) {
      const outcome = this.outcomes[index]!;
      entries[index] =
        outcome.errorCode === undefined
          ? `{"ShardId":"${outcome.shard.id}","SequenceNumber":"${outcome.sequenceNumber}"}`
          : `{"ErrorCode":${JSON.stringify(outcome.errorCode)},"ErrorMessage":${JSON.stringify(outcome.errorMessage)}}`;
    }
    return Buffer.from(`{"FailedRecordCount":${this.failedRecordCount},"Records":[${entries.join(",")}]}`, "utf8");
  }
}
