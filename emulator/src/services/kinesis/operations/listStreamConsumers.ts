import type { ListStreamConsumersInput, ListStreamConsumersOutput } from "@aws-sdk/client-kinesis";
import { AwsError } from "../../../protocol/AwsError";
import { isOffset } from "../../../server/PageTokens";
import { operation } from "../../../server/JsonService";
import { integer, string, structure, timestamp } from "../../../server/shapes";
import { invalidArgument, streamNotFound } from "../kinesisErrors";
import { streamArn, streamId } from "../kinesisShapes";
import type { StreamConsumers } from "../StreamConsumers";
import type { StreamStore } from "../StreamStore";

export const listStreamConsumersInput = structure(
  {
    StreamARN: streamArn,
    NextToken: string({ min: 1, max: 1048576 }),
    MaxResults: integer({ min: 1, max: 10000 }),
    StreamCreationTimestamp: timestamp(),
    StreamId: streamId,
  },
  ["StreamARN"],
);

/** "The default value is 100. If you specify a value greater than 100, at most 100 results are returned." */
const MAX_RESULTS = 100;

interface ConsumerListPosition {
  readonly streamEpochMs: number;
  readonly offset: number;
}

const isPosition = (value: unknown): value is ConsumerListPosition =>
  typeof value === "object" && value !== null && "streamEpochMs" in value && typeof value.streamEpochMs === "number" && "offset" in value && isOffset(value.offset);

/**
 * The stream's consumers in registration order, paged (https://docs.aws.amazon.com/kinesis/latest/APIReference/API_ListStreamConsumers.html):
 * NextToken lives 300 seconds, then ExpiredNextTokenException; it cannot be given with StreamCreationTimestamp.
 */
export function listStreamConsumers(store: StreamStore, consumers: StreamConsumers) {
  return operation<ListStreamConsumersInput, ListStreamConsumersOutput, typeof listStreamConsumersInput>({
    input: listStreamConsumersInput,
    handle: (input) => {
      const now = store.now();
      const stream = store.get(store.streamNameOf({ StreamARN: input.StreamARN }));
      let offset = 0;
      if (input.NextToken !== undefined) {
        if (input.StreamCreationTimestamp !== undefined) {
          throw invalidArgument("NextToken and StreamCreationTimestamp cannot be provided together.");
        }
        const read = store.pageTokens.read(input.NextToken, ["ListStreamConsumers", stream.name], now, isPosition);
        if ("refused" in read) {
          throw read.refused === "expired"
            ? new AwsError("ExpiredNextTokenException", `NextToken ${input.NextToken} has expired.`)
            : invalidArgument(`Invalid NextToken: ${input.NextToken}`);
        }
        if (read.position.streamEpochMs !== stream.createdMs) {
          throw invalidArgument(`Invalid NextToken: ${input.NextToken}`);
        }
        offset = read.position.offset;
      } else if (input.StreamCreationTimestamp !== undefined && input.StreamCreationTimestamp.getTime() !== stream.createdMs) {
        throw streamNotFound(stream.name, store.accountId);
      }
      const listed = consumers.listed(stream);
      const page = listed.slice(offset, offset + Math.min(input.MaxResults ?? MAX_RESULTS, MAX_RESULTS));
      const next = offset + page.length;
      return {
        Consumers: page.map((consumer) => consumers.summary(consumer)),
        ...(next < listed.length ? { NextToken: store.pageTokens.issue(["ListStreamConsumers", stream.name], { streamEpochMs: stream.createdMs, offset: next }, now) } : {}),
      };
    },
  });
}
