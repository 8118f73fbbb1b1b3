import type { PutRecordInput, PutRecordOutput } from "@aws-sdk/client-kinesis";
import { internalFailure, storageUnavailable } from "../../../protocol/AwsError";
import { operation } from "../../../server/JsonService";
import { structure } from "../../../server/shapes";
import { throughputExceeded } from "../kinesisErrors";
import { hashKey, partitionKey, recordData, sequenceNumber, streamReference } from "../kinesisShapes";
import { putEntry } from "../putEntry";
import type { StreamStore } from "../StreamStore";

export const putRecordInput = structure(
  {
    ...streamReference,
    Data: recordData,
    PartitionKey: partitionKey,
    ExplicitHashKey: hashKey,
    // Accepted and not needed: sequence numbers here are strictly increasing per shard anyway.
    SequenceNumberForOrdering: sequenceNumber,
  },
  ["Data", "PartitionKey"],
);

export function putRecord(store: StreamStore) {
  return operation<PutRecordInput, PutRecordOutput, typeof putRecordInput>({
    input: putRecordInput,
    handle: async (input) => {
      const stream = store.getForRecords(store.streamNameOf(input));
      const entry = putEntry(input.PartitionKey, input.Data, input.ExplicitHashKey);
      const [outcome] = stream.put([entry], store.now(), store.accountId);
      if (outcome!.errorCode === "ProvisionedThroughputExceededException") {
        throw throughputExceeded(outcome!.shard.id, stream.name, store.accountId);
      }
      if (outcome!.errorCode !== undefined) {
        throw storageUnavailable(outcome!.cause) ?? internalFailure();
      }
      await outcome!.shard.log.durable();
      store.notifyAppend(stream.name);
      // No EncryptionType: AWS leaves it out for an unencrypted stream (kinesalite test/putRecord.js "should work with
      // large Data": the body is exactly {ShardId, SequenceNumber}).
      return { ShardId: outcome!.shard.id, SequenceNumber: outcome!.sequenceNumber };
    },
  });
}
