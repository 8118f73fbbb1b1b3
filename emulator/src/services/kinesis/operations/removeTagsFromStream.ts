import type { RemoveTagsFromStreamInput } from "@aws-sdk/client-kinesis";
import { operation } from "../../../server/JsonService";
import { list, structure } from "../../../server/shapes";
import { streamReference, tagKey } from "../kinesisShapes";
import type { NoOutput } from "../../../server/OperationTable";
import type { StreamStore } from "../StreamStore";
import { checkTagCharacters } from "../tagCharacters";

export const removeTagsFromStreamInput = structure({ ...streamReference, TagKeys: list(tagKey, { min: 1, max: 50 }) }, ["TagKeys"]);

export function removeTagsFromStream(store: StreamStore) {
  return operation<RemoveTagsFromStreamInput, NoOutput, typeof removeTagsFromStreamInput>({
    input: removeTagsFromStreamInput,
    handle: (input) => {
      const stream = store.getActive(store.streamNameOf(input));
      checkTagCharacters(input.TagKeys, "remove tags from", stream.name, store.accountId);
      const removed = new Set(input.TagKeys);
      stream.update({ tags: Object.fromEntries(Object.entries(stream.tags).filter(([key]) => !removed.has(key))) });
      return {};
    },
  });
}
