import type { DeleteStreamInput } from "@aws-sdk/client-kinesis";
import { operation } from "../../../server/JsonService";
import { boolean, structure } from "../../../server/shapes";
import { streamNotActive } from "../kinesisErrors";
import { streamReference } from "../kinesisShapes";
import type { NoOutput } from "../../../server/OperationTable";
import type { StreamStore } from "../StreamStore";

export const deleteStreamInput = structure({ ...streamReference, EnforceConsumerDeletion: boolean() });

export function deleteStream(store: StreamStore) {
  return operation<DeleteStreamInput, NoOutput, typeof deleteStreamInput>({
    input: deleteStreamInput,
    handle: (input) => {
      const name = store.streamNameOf(input);
      const stream = store.get(name);
      const status = stream.visibleStatus(store.now());
      // A CREATING stream may be deleted: it goes DELETING (kinesalite test/deleteStream.js "should allow stream to be
      // deleted while it is being created", run against Kinesis).
      if (status === "DELETING") {
        throw streamNotActive(name, store.accountId, status);
      }
      store.delete(stream);
      return {};
    },
  });
}
