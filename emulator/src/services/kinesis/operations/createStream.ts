import type { CreateStreamInput } from "@aws-sdk/client-kinesis";
import { operation } from "../../../server/JsonService";
import { integer, string, structure } from "../../../server/shapes";
import { invalidArgument } from "../kinesisErrors";
import { streamName, tagMap } from "../kinesisShapes";
import type { NoOutput } from "../../../server/OperationTable";
import type { StreamStore } from "../StreamStore";
import { checkTagCharacters } from "../tagCharacters";

/** An on-demand stream starts with 4 shards (4 MiB/s of writes), as AWS's does. */
export const ON_DEMAND_SHARD_COUNT = 4;

export const createStreamInput = structure(
  {
    StreamName: streamName,
    // The API reference's range (kinesalite test/createStream.js "long StreamName": "less than or equal to 100000").
    ShardCount: integer({ min: 1, max: 100000 }),
    StreamModeDetails: structure({ StreamMode: string({ enum: ["PROVISIONED", "ON_DEMAND"] }) }, ["StreamMode"]),
    Tags: tagMap,
    WarmThroughputMiBps: integer({ min: 0 }),
    MaxRecordSizeInKiB: integer({ min: 1024, max: 10240 }),
  },
  ["StreamName"],
);

export function createStream(store: StreamStore) {
  return operation<CreateStreamInput, NoOutput, typeof createStreamInput>({
    input: createStreamInput,
    handle: (input) => {
      const mode = input.StreamModeDetails?.StreamMode ?? (input.ShardCount === undefined ? "ON_DEMAND" : "PROVISIONED");
      if (mode === "PROVISIONED" && input.ShardCount === undefined) {
        throw invalidArgument("ShardCount is required for a stream in PROVISIONED mode.");
      }
      if (mode === "ON_DEMAND" && input.ShardCount !== undefined) {
        throw invalidArgument("ShardCount cannot be given for a stream in ON_DEMAND mode: its shards are managed by Kinesis.");
      }
      const tags = input.Tags ?? {};
      checkTagCharacters([...Object.keys(tags), ...Object.values(tags)], "create", input.StreamName, store.accountId);
      store.create({ name: input.StreamName, mode, shardCount: input.ShardCount ?? ON_DEMAND_SHARD_COUNT, tags });
      return {};
    },
  });
}
