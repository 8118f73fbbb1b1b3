import type { DeleteResourcePolicyInput } from "@aws-sdk/client-kinesis";
import { operation } from "../../../server/JsonService";
import { structure } from "../../../server/shapes";
import type { NoOutput } from "../../../server/OperationTable";
import { resourcePolicyNotFound } from "../kinesisErrors";
import { resourceArn, streamId } from "../kinesisShapes";
import type { StreamStore } from "../StreamStore";

export const deleteResourcePolicyInput = structure({ ResourceARN: resourceArn, StreamId: streamId }, ["ResourceARN"]);

export function deleteResourcePolicy(store: StreamStore) {
  return operation<DeleteResourcePolicyInput, NoOutput, typeof deleteResourcePolicyInput>({
    input: deleteResourcePolicyInput,
    handle: (input) => {
      const stream = store.getActive(store.streamNameOfResource(input.ResourceARN));
      if (stream.resourcePolicy === undefined) {
        // AWS refuses to delete a policy that is not there (LocalStack tests/aws/services/kinesis/test_kinesis.py,
        // test_resource_policy_crud, validated against AWS, expects an error there).
        throw resourcePolicyNotFound(stream.name, store.accountId);
      }
      stream.setResourcePolicy(undefined);
      return {};
    },
  });
}
