import { AwsError } from "../../protocol/AwsError";

// CloudWatch Logs' errors, worded as the service words them (API reference, "Common Errors" and each operation's
// Errors section: https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/).

export function logGroupNotFound(): AwsError {
  return new AwsError("ResourceNotFoundException", "The specified log group does not exist.");
}

export function logStreamNotFound(): AwsError {
  return new AwsError("ResourceNotFoundException", "The specified log stream does not exist.");
}

export function logGroupAlreadyExists(): AwsError {
  return new AwsError("ResourceAlreadyExistsException", "The specified log group already exists");
}

export function logStreamAlreadyExists(): AwsError {
  return new AwsError("ResourceAlreadyExistsException", "The specified log stream already exists");
}

export function invalidParameter(message: string): AwsError {
  return new AwsError("InvalidParameterException", message);
}
