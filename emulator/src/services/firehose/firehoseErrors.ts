import { AwsError } from "../../protocol/AwsError";

/** Firehose's errors, worded as the service words them. */
export const firehoseErrors = {
  notFound: (name: string, accountId: string): AwsError =>
    new AwsError("ResourceNotFoundException", `Firehose ${name} under account ${accountId} not found.`),
  alreadyExists: (name: string, accountId: string): AwsError =>
    new AwsError("ResourceInUseException", `Firehose ${name} under accountId ${accountId} already exists`),
  inUse: (message: string): AwsError => new AwsError("ResourceInUseException", message),
  invalidArgument: (message: string): AwsError => new AwsError("InvalidArgumentException", message),
  limitExceeded: (message: string): AwsError => new AwsError("LimitExceededException", message),
  /** A feature AWS has and this emulator does not: refused loudly rather than ignored. */
  unsupported: (what: string): AwsError => new AwsError("InvalidArgumentException", `${what} is not supported by the gpu-stream emulator.`),
};
