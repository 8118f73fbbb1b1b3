import type { PutRecordsInput, PutRecordsOutput } from "@aws-sdk/client-kinesis";
import { operation } from "../../../server/JsonService";
import { list, structure } from "../../../server/shapes";
import { invalidArgument } from "../kinesisErrors";
import { hashKey, partitionKey, recordData, streamReference } from "../kinesisShapes";
import { putEntry } from "../putEntry";
import { PutRecordsAnswer } from "../PutRecordsAnswer";
import { MAX_PUT_RECORDS_BYTES, MAX_PUT_RECORDS_ENTRIES } from "../recordLimits";
import type { Shard } from "../Stream";
import type { StreamStore } from "../StreamStore";

export const putRecordsInput = structure(
  {
    Records: list(structure({ Data: recordData, ExplicitHashKey: hashKey, PartitionKey: partitionKey }, ["Data", "PartitionKey"]), {
      min: 1,
      max: MAX_PUT_RECORDS_ENTRIES,
    }),
    ...streamReference,
  },
  ["Records"],
);

export function putRecords(store: StreamStore) {
  return operation<PutRecordsInput, PutRecordsOutput, typeof putRecordsInput>({
    input: putRecordsInput,
    handle: async (input) => {
      const stream = store.getForRecords(store.streamNameOf(input));
      const entries = input.Records.map((record) => putEntry(record.PartitionKey!, record.Data!, record.ExplicitHashKey));
      const total = entries.reduce((sum, entry) => sum + entry.size, 0);
      if (total > MAX_PUT_RECORDS_BYTES) {
        throw invalidArgument("Records size exceeds 5 MB limit");
      }
      const outcomes = stream.put(entries, store.now(), store.accountId);
      const written = new Set<Shard>();
      let failed = 0;
      for (const outcome of outcomes) {
        if (outcome.errorCode === undefined) {
          written.add(outcome.shard);
        } else {
          failed += 1;
        }
      }
      await Promise.all([...written].map((shard) => shard.log.durable()));
      if (written.size > 0) {
        store.notifyAppend(stream.name);
      }
      // No EncryptionType for an unencrypted stream (kinesalite test/putRecords.js "should work with large Data").
      return new PutRecordsAnswer(outcomes, failed);
    },
  });
}
