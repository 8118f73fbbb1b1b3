import type { GetResourcePolicyInput, GetResourcePolicyOutput } from "@aws-sdk/client-kinesis";
import { operation } from "../../../server/JsonService";
import { structure } from "../../../server/shapes";
import { resourceArn, streamId } from "../kinesisShapes";
import type { StreamStore } from "../StreamStore";
import type { StreamConsumers } from "../StreamConsumers";
import { policyHolder } from "../resourcePolicies";

export const getResourcePolicyInput = structure({ ResourceARN: resourceArn, StreamId: streamId }, ["ResourceARN"]);

/**
 * A stream without a policy answers `{"Policy": "{}"}`: AWS's recorded answer before any put and after a delete
 * (LocalStack tests/aws/services/kinesis/test_kinesis.snapshot.json, test_resource_policy_crud,
 * "default_policy_if_not_set" and "get_resource_policy_after_delete"; the snapshot shows the JSON string parsed).
 */
const NO_POLICY = "{}";

export function getResourcePolicy(store: StreamStore, consumers: StreamConsumers) {
  return operation<GetResourcePolicyInput, GetResourcePolicyOutput, typeof getResourcePolicyInput>({
    input: getResourcePolicyInput,
    handle: (input) => {
      return { Policy: policyHolder(store, consumers, input.ResourceARN, "any").policy ?? NO_POLICY };
    },
  });
}
