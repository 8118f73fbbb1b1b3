/**
 * The one error type of the emulator. Each protocol serialises it as AWS does: JSON services as
 * `{"__type", "message"}` with the `x-amzn-ErrorType` header, S3 as an `<Error>` XML document.
 */
export class AwsError extends Error {
  override readonly name = "AwsError";

  constructor(
    /** AWS's error code, e.g. `ResourceNotFoundException` or `NoSuchKey`. */
    readonly code: string,
    message: string,
    readonly statusCode = 400,
    /** Extra fields S3 puts in its XML error (`BucketName`, `Key`, ...). */
    readonly details: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }
}

/** An unexpected failure: the stack goes to the log, the client gets InternalFailure and no detail. */
export function internalFailure(): AwsError {
  return new AwsError("InternalFailure", "The request processing has failed because of an unknown error, exception or failure.", 500);
}
