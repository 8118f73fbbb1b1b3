import type { AddTagsToStreamInput } from "@aws-sdk/client-kinesis";
import { operation } from "../../../server/JsonService";
import { structure } from "../../../server/shapes";
import { invalidArgument } from "../kinesisErrors";
import { streamReference, tagMap } from "../kinesisShapes";
import type { NoOutput } from "../../../server/OperationTable";
import type { StreamStore } from "../StreamStore";
import { checkTagCharacters } from "../tagCharacters";

export const MAX_TAGS_PER_STREAM = 50;

export const addTagsToStreamInput = structure({ ...streamReference, Tags: tagMap }, ["Tags"]);

export function addTagsToStream(store: StreamStore) {
  return operation<AddTagsToStreamInput, NoOutput, typeof addTagsToStreamInput>({
    input: addTagsToStreamInput,
    handle: (input) => {
      const stream = store.getActive(store.streamNameOf(input));
      const added = input.Tags;
      checkTagCharacters([...Object.keys(added), ...Object.values(added)], "add tags to", stream.name, store.accountId);
      const tags = { ...stream.tags, ...added };
      if (Object.keys(tags).length > MAX_TAGS_PER_STREAM) {
        throw invalidArgument(
          `Failed to add tags to stream ${stream.name} under account ${store.accountId} because a given stream cannot have more than ${MAX_TAGS_PER_STREAM} tags associated with it.`,
        );
      }
      stream.update({ tags });
      return {};
    },
  });
}
