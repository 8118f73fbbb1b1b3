import type { ListStreamsInput, ListStreamsOutput } from "@aws-sdk/client-kinesis";
import { operation } from "../../../server/JsonService";
import { integer, string, structure } from "../../../server/shapes";
import { invalidArgument } from "../kinesisErrors";
import { streamName } from "../kinesisShapes";
import { decodeStreamListToken, encodeStreamListToken } from "../listTokens";
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
      let after = input.ExclusiveStartStreamName;
      if (input.NextToken !== undefined) {
        const token = decodeStreamListToken(store.signer, input.NextToken);
        if (token === undefined) {
          throw invalidArgument(`Invalid NextToken: ${input.NextToken}`);
        }
        after = token.lastStreamName;
      }
      const streams = store.list().filter((stream) => after === undefined || stream.name > after);
      const page = streams.slice(0, input.Limit ?? DEFAULT_LIMIT);
      const hasMore = page.length < streams.length;
      const now = store.now();
      return {
        StreamNames: page.map((stream) => stream.name),
        HasMoreStreams: hasMore,
        NextToken: hasMore ? encodeStreamListToken(store.signer, { lastStreamName: page[page.length - 1]!.name }) : undefined,
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
