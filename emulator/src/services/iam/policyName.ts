import { iamRules, validateMembers } from "./iamValidation";

/** An inline policy's name, validated as IAM validates PolicyName. */
export function policyName(name: string): string {
  validateMembers([["PolicyName", name, iamRules.PolicyName]]);
  return name;
}
