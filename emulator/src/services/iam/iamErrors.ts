import { AwsError } from "../../protocol/AwsError";

/**
 * IAM's errors with its wording and status (IAM API reference, each action's "Errors" section, e.g.
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html and API_DeleteRole.html).
 */
export const iamErrors = {
  roleExists: (name: string) => new AwsError("EntityAlreadyExists", `Role with name ${name} already exists.`, 409),
  noSuchRole: (name: string) => new AwsError("NoSuchEntity", `The role with name ${name} cannot be found.`, 404),
  noSuchRolePolicy: (name: string) => new AwsError("NoSuchEntity", `The role policy with name ${name} cannot be found.`, 404),
  policyNotAttachable: (arn: string) => new AwsError("NoSuchEntity", `Policy ${arn} does not exist or is not attachable.`, 404),
  policyNotAttached: (arn: string) => new AwsError("NoSuchEntity", `Policy ${arn} was not found.`, 404),
  invalidArn: (arn: string) => new AwsError("InvalidInput", `ARN ${arn} is not valid.`, 400),
  deleteConflictInline: () => new AwsError("DeleteConflict", "Cannot delete entity, must delete policies first.", 409),
  deleteConflictAttached: () => new AwsError("DeleteConflict", "Cannot delete entity, must detach all policies first.", 409),
  malformedPolicy: (message: string) => new AwsError("MalformedPolicyDocument", message, 400),
  limitExceeded: (message: string) => new AwsError("LimitExceeded", message, 409),
  invalidInput: (message: string) => new AwsError("InvalidInput", message, 400),
  invalidMarker: () => new AwsError("ValidationError", "Invalid Marker.", 400),
};
