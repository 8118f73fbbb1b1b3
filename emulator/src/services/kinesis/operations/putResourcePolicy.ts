import type { PutResourcePolicyInput } from "@aws-sdk/client-kinesis";
import { operation } from "../../../server/JsonService";
import { string, structure } from "../../../server/shapes";
import type { NoOutput } from "../../../server/OperationTable";
import { invalidArgument } from "../kinesisErrors";
import { resourceArn, streamId } from "../kinesisShapes";
import type { StreamStore } from "../StreamStore";
import type { StreamConsumers } from "../StreamConsumers";
import { policyHolder } from "../resourcePolicies";

export const putResourcePolicyInput = structure({ ResourceARN: resourceArn, StreamId: streamId, Policy: string() }, ["ResourceARN", "Policy"]);

/**
 * Attaches the policy, replacing any before it, and keeps it byte for byte: the emulator stores resource policies
 * but does not evaluate them (https://docs.aws.amazon.com/kinesis/latest/APIReference/API_PutResourcePolicy.html).
 */
export function putResourcePolicy(store: StreamStore, consumers: StreamConsumers) {
  return operation<PutResourcePolicyInput, NoOutput, typeof putResourcePolicyInput>({
    input: putResourcePolicyInput,
    handle: (input) => {
      const holder = policyHolder(store, consumers, input.ResourceARN, "active");
      checkPolicyDocument(input.Policy);
      holder.set(input.Policy);
      return {};
    },
  });
}

/**
 * What the API reference asks of Policy: "formatted as a JSON string" that "must include the identity of the
 * principal and the actions allowed on this resource". AWS's wording for a refused document is not recorded; these
 * messages are the emulator's own.
 */
function checkPolicyDocument(policy: string): void {
  let document: unknown;
  try {
    document = JSON.parse(policy);
  } catch (error) {
    throw invalidArgument(`Policy is not a valid JSON document: ${(error as Error).message}`);
  }
  if (!isObject(document)) {
    throw invalidArgument("Policy must be a JSON object.");
  }
  const statement = document["Statement"];
  const statements = Array.isArray(statement) ? statement : [statement];
  if (statement === undefined || statements.length === 0) {
    throw invalidArgument("Policy must include a Statement.");
  }
  for (const entry of statements) {
    if (!isObject(entry) || !("Principal" in entry || "NotPrincipal" in entry) || !("Action" in entry || "NotAction" in entry)) {
      throw invalidArgument("Each Statement of Policy must include the principal (Principal) and the actions allowed (Action).");
    }
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
