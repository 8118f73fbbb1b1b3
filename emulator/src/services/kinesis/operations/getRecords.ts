import type { GetRecordsInput, GetRecordsOutput } from "@aws-sdk/client-kinesis";
import { AwsError } from "../../../protocol/AwsError";
import { operation } from "../../../server/JsonService";
import { boolean, integer, string, structure } from "../../../server/shapes";
import { invalidArgument, shardNotFound } from "../kinesisErrors";
import { childShardsOf } from "../describeShard";
import { GetRecordsAnswer } from "../GetRecordsAnswer";
import { streamArn, streamId } from "../kinesisShapes";
import { decodeShardIterator, encodeShardIterator, expiredIteratorMessage, ITERATOR_LIFETIME_MS } from "../shardIterators";
import { shardIdOf } from "../Stream";
import { MAX_READ_BYTES, type StreamStore } from "../StreamStore";

export const getRecordsInput = structure(
  {
    ShardIterator: string({ min: 1, max: 512 }),
    Limit: integer({ min: 1, max: 10000 }),
    StreamARN: streamArn,
    StreamId: streamId,
    DryRun: boolean(),
  },
  ["ShardIterator"],
);

const DEFAULT_LIMIT = 10000;

export function getRecords(store: StreamStore) {
  return operation<GetRecordsInput, GetRecordsOutput, typeof getRecordsInput>({
    input: getRecordsInput,
    handle: async (input) => {
      const iterator = decodeShardIterator(store.signer, input.ShardIterator);
      if (iterator === undefined) {
        throw invalidArgument("Invalid ShardIterator.");
      }
      const now = store.now();
      if (now - iterator.issuedMs > ITERATOR_LIFETIME_MS) {
        throw new AwsError("ExpiredIteratorException", expiredIteratorMessage(iterator.issuedMs, now));
      }
      if (input.StreamARN !== undefined && store.streamNameOf({ StreamARN: input.StreamARN }) !== iterator.streamName) {
        throw invalidArgument(`StreamARN ${input.StreamARN} is not the stream of the ShardIterator.`);
      }
      const stream = store.find(iterator.streamName);
      const shard = stream?.shards[iterator.shardIndex];
      if (stream === undefined || shard === undefined || stream.createdMs !== iterator.streamEpochMs || !stream.isWritable(now)) {
        throw shardNotFound(shardIdOf(iterator.shardIndex), iterator.streamName, store.accountId);
      }
      const result = await shard.log.readFrames(iterator.position, input.Limit ?? DEFAULT_LIMIT, MAX_READ_BYTES, stream.retentionStartMs(now));
      const sequenceNumber = (ordinal: number): string => shard.sequenceNumber(ordinal);
      if (result.frames.length === 0 && shard.isEndOf(result.nextOrdinal)) {
        // The end of a closed shard: no NextShardIterator, and the children to read next
        // (https://docs.aws.amazon.com/kinesis/latest/APIReference/API_GetRecords.html). Only an empty answer ends
        // the shard, as kinesalite's mergeShards test saw AWS answer a read of a closed shard's last records.
        return new GetRecordsAnswer(result.frames, sequenceNumber, { MillisBehindLatest: 0, ChildShards: childShardsOf(stream, shard) });
      }
      return new GetRecordsAnswer(result.frames, sequenceNumber, {
        NextShardIterator: encodeShardIterator(store.signer, { ...iterator, issuedMs: now, position: result.nextOrdinal }),
        // How far the reader is behind the tip: the age of the oldest record it has not read yet.
        MillisBehindLatest: result.nextArrivalMs === undefined ? 0 : Math.max(0, now - result.nextArrivalMs),
      });
    },
  });
}
