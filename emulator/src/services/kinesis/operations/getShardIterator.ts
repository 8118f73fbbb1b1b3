import type { GetShardIteratorInput, GetShardIteratorOutput } from "@aws-sdk/client-kinesis";
import { operation } from "../../../server/JsonService";
import { boolean, string, structure, timestamp } from "../../../server/shapes";
import { invalidArgument, shardNotFound, shardNotRead } from "../kinesisErrors";
import { sequenceNumber, shardId, streamReference } from "../kinesisShapes";
import { encodeShardIterator } from "../shardIterators";
import { type Shard, type Stream, shardIdOf, shardIndexOf } from "../Stream";
import type { StreamStore } from "../StreamStore";

export const getShardIteratorInput = structure(
  {
    ...streamReference,
    ShardId: shardId,
    // In the order Kinesis lists them in its message (kinesalite test/getShardIterator.js "empty StreamName").
    ShardIteratorType: string({ enum: ["AFTER_SEQUENCE_NUMBER", "LATEST", "AT_TIMESTAMP", "AT_SEQUENCE_NUMBER", "TRIM_HORIZON"] }),
    StartingSequenceNumber: sequenceNumber,
    Timestamp: timestamp(),
    DryRun: boolean(),
  },
  ["ShardId", "ShardIteratorType"],
);

function wrongCombination(type: string, withSequenceNumber: boolean): Error {
  return invalidArgument(
    "Must either specify (1) AT_SEQUENCE_NUMBER or AFTER_SEQUENCE_NUMBER and StartingSequenceNumber or " +
      `(2) TRIM_HORIZON or LATEST and no StartingSequenceNumber. Request specified ${type} and ${withSequenceNumber ? "also a" : "no"} StartingSequenceNumber.`,
  );
}

/** The ordinal of the first record the iterator (or SubscribeToShard's StartingPosition, `operationName`) will read. */
export async function startingPosition(store: StreamStore, stream: Stream, shard: Shard, input: GetShardIteratorInput, operationName = "GetShardIterator"): Promise<number> {
  const type = input.ShardIteratorType;
  const startingSequenceNumber = input.StartingSequenceNumber;
  switch (type) {
    case "TRIM_HORIZON":
    case "LATEST":
      if (startingSequenceNumber !== undefined) {
        throw wrongCombination(type, true);
      }
      // Retention is applied when reading: TRIM_HORIZON always means the oldest record still kept.
      return type === "TRIM_HORIZON" ? 1 : shard.log.count + 1;
    case "AT_SEQUENCE_NUMBER":
    case "AFTER_SEQUENCE_NUMBER": {
      if (startingSequenceNumber === undefined) {
        throw wrongCombination(type, false);
      }
      const found = stream.locate(startingSequenceNumber, shard);
      const usedIn = `StartingSequenceNumber ${startingSequenceNumber} used in ${operationName} on shard ${shard.id} in stream ${stream.name} under account ${store.accountId} is invalid`;
      switch (found.kind) {
        case "invalid":
          throw invalidArgument(`${usedIn}.`);
        case "otherStream":
          throw invalidArgument(`${usedIn} because it did not come from this stream.`);
        case "otherShard":
          throw invalidArgument(`Invalid StartingSequenceNumber. It encodes ${found.shardId}, while it was used in a call to a shard with ${shard.id}`);
        case "found":
          return type === "AT_SEQUENCE_NUMBER" ? Math.max(1, found.ordinal) : found.ordinal + 1;
      }
      break;
    }
    case "AT_TIMESTAMP": {
      if (input.Timestamp === undefined) {
        throw invalidArgument("Must specify timestampInMillis parameter for iterator of type AT_TIMESTAMP. Current request has no timestamp parameter.");
      }
      const timestampMs = input.Timestamp.getTime();
      const now = store.now();
      if (timestampMs > now) {
        throw invalidArgument(
          `The timestampInMillis parameter cannot be greater than the currentTimestampInMillis. timestampInMillis: ${timestampMs}, currentTimestampInMillis: ${now}`,
        );
      }
      return shard.log.firstOrdinalAtOrAfter(timestampMs);
    }
  }
  throw invalidArgument(`Unknown ShardIteratorType ${type}`);
}

export function getShardIterator(store: StreamStore) {
  return operation<GetShardIteratorInput, GetShardIteratorOutput, typeof getShardIteratorInput>({
    input: getShardIteratorInput,
    handle: async (input) => {
      const streamName = store.streamNameOf(input);
      // AWS reads the shard ID before it looks for the stream, and names the shard (padded) when either is missing
      // (kinesalite test/getShardIterator.js "unknown stream and shard ID just small enough", "... shard ID too big").
      const index = shardIndexOf(input.ShardId);
      if (index === undefined) {
        throw shardNotRead(input.ShardId, streamName, store.accountId);
      }
      if (store.find(streamName)?.shardById(input.ShardId) === undefined) {
        throw shardNotFound(shardIdOf(index), streamName, store.accountId);
      }
      const stream = store.getForRecords(streamName);
      const shard = store.shardOf(stream, input.ShardId);
      const position = await startingPosition(store, stream, shard, input);
      return {
        ShardIterator: encodeShardIterator(store.signer, {
          issuedMs: store.now(),
          streamName: stream.name,
          streamEpochMs: stream.createdMs,
          shardIndex: shard.index,
          position,
        }),
      };
    },
  });
}
