import type { ListStreamsInput, ListStreamsOutput } from "@aws-sdk/client-kinesis";
import { operation } from "../../../server/JsonService";
import { integer, string, structure } from "../../../server/shapes";
import { invalidArgument } from "../kinesisErrors";
import { streamName } from "../kinesisShapes";
import { issueStreamListToken, readStreamListToken } from "../listTokens";
import type { StreamStore } from "../StreamStore";

export const listStreamsInput = structure({
  Limit: integer({ min: 1, max: 10000 }),
  ExclusiveStartStreamName: streamName,
  NextToken: string({ min: 1, max: 1048576 }),
});

const DEFAULT_LIMIT = 100;

export function listStreams(store: StreamStore) {
  return operation<ListStreamsInput, ListStreamsOutput, typeof listStreamsInput>({
    input: listStreamsInput,
    handle: (input) => {
      const now = store.now();
      let after = input.ExclusiveStartStreamName;
      if (input.NextToken !== undefined) {
        // An expired token is refused as an invalid one: AWS documents no other answer for ListStreams.
        const read = readStreamListToken(store.pageTokens, input.NextToken, now);
        if ("refused" in read) {
          throw invalidArgument(`Invalid NextToken: ${input.NextToken}`);
        }
        after = read.position;
      }
      const streams = store.list().filter((stream) => after === undefined || stream.name > after);
      const page = streams.slice(0, input.Limit ?? DEFAULT_LIMIT);
      const hasMore = page.length < streams.length;
      return {
        StreamNames: page.map((stream) => stream.name),
        HasMoreStreams: hasMore,
        NextToken: hasMore ? issueStreamListToken(store.pageTokens, page[page.length - 1]!.name, now) : undefined,
        StreamSummaries: page.map((stream) => ({
          StreamName: stream.name,
          StreamARN: store.streamArn(stream.name),
          StreamStatus: stream.visibleStatus(now),
          StreamModeDetails: { StreamMode: stream.mode },
          StreamCreationTimestamp: new Date(stream.createdMs),
        })),
      };
    },
  });
}
