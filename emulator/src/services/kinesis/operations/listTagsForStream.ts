import type { ListTagsForStreamInput, ListTagsForStreamOutput } from "@aws-sdk/client-kinesis";
import { operation } from "../../../server/JsonService";
import { integer, structure } from "../../../server/shapes";
import { streamReference, tagKey } from "../kinesisShapes";
import type { StreamStore } from "../StreamStore";

export const listTagsForStreamInput = structure({ ...streamReference, ExclusiveStartTagKey: tagKey, Limit: integer({ min: 1, max: 50 }) });

const DEFAULT_LIMIT = 50;

export function listTagsForStream(store: StreamStore) {
  return operation<ListTagsForStreamInput, ListTagsForStreamOutput, typeof listTagsForStreamInput>({
    input: listTagsForStreamInput,
    handle: (input) => {
      const stream = store.get(store.streamNameOf(input));
      const after = input.ExclusiveStartTagKey;
      const keys = Object.keys(stream.tags)
        .sort()
        .filter((key) => after === undefined || key > after);
      const page = keys.slice(0, input.Limit ?? DEFAULT_LIMIT);
      return { Tags: page.map((key) => ({ Key: key, Value: stream.tags[key] })), HasMoreTags: page.length < keys.length };
    },
  });
}
