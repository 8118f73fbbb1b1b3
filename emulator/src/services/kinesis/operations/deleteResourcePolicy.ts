import type { DeleteResourcePolicyInput } from "@aws-sdk/client-kinesis";
import { operation } from "../../../server/JsonService";
import { structure } from "../../../server/shapes";
import type { NoOutput } from "../../../server/OperationTable";
import { resourceArn, streamId } from "../kinesisShapes";
import type { StreamStore } from "../StreamStore";
import type { StreamConsumers } from "../StreamConsumers";
import { policyHolder } from "../resourcePolicies";

export const deleteResourcePolicyInput = structure({ ResourceARN: resourceArn, StreamId: streamId }, ["ResourceARN"]);

export function deleteResourcePolicy(store: StreamStore, consumers: StreamConsumers) {
  return operation<DeleteResourcePolicyInput, NoOutput, typeof deleteResourcePolicyInput>({
    input: deleteResourcePolicyInput,
    handle: (input) => {
      const holder = policyHolder(store, consumers, input.ResourceARN, "active");
      if (holder.policy === undefined) {
        // AWS refuses to delete a policy that is not there (LocalStack tests/aws/services/kinesis/test_kinesis.py,
        // test_resource_policy_crud, validated against AWS, expects an error there).
        throw holder.noPolicy();
      }
      holder.set(undefined);
      return {};
    },
  });
}
