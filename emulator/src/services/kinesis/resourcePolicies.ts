import type { AwsError } from "../../protocol/AwsError";
import { consumerNotFound, consumerResourcePolicyNotFound, resourcePolicyNotFound } from "./kinesisErrors";
import type { StreamConsumers } from "./StreamConsumers";
import { namesConsumer, type StreamStore } from "./StreamStore";

/**
 * What a resource policy is attached to: "a data stream or consumer"
 * (https://docs.aws.amazon.com/kinesis/latest/APIReference/API_PutResourcePolicy.html). The policy is kept byte for
 * byte and not evaluated.
 */
export interface PolicyHolder {
  readonly policy: string | undefined;
  set(policy: string | undefined): void;
  /** Deleting a policy that is not there. */
  noPolicy(): AwsError;
}

/**
 * The stream or consumer `resourceArn` names. Get reads it in any state; Put and Delete (`active`) need it ACTIVE, as
 * AddTagsToStream does a stream and SubscribeToShard a consumer. An ARN of a consumer's form that names none answers
 * as AWS answers for a consumer that does not exist.
 */
export function policyHolder(store: StreamStore, consumers: StreamConsumers, resourceArn: string, state: "any" | "active"): PolicyHolder {
  if (namesConsumer(resourceArn)) {
    if (!consumers.parses(resourceArn)) {
      throw consumerNotFound(resourceArn, store.accountId);
    }
    const found = state === "active" ? consumers.findActive(resourceArn) : consumers.findByArn(resourceArn);
    return {
      policy: found.entry.resourcePolicy,
      set: (policy) => consumers.setResourcePolicy(found, policy),
      noPolicy: () => consumerResourcePolicyNotFound(resourceArn, store.accountId),
    };
  }
  const name = store.streamNameOfResource(resourceArn);
  const stream = state === "active" ? store.getActive(name) : store.get(name);
  return {
    policy: stream.resourcePolicy,
    set: (policy) => stream.update({ resourcePolicy: policy }),
    noPolicy: () => resourcePolicyNotFound(stream.name, store.accountId),
  };
}
