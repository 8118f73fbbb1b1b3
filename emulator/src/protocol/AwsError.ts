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
    /**
     * The member a JSON body carries the message in: most services write `message`; Kinesis writes a
     * SerializationException's as `Message`, and some of its protocol errors with none (`{"__type": ...}` alone,
     * kinesalite test/connection.js and test/helpers.js assertSerialization).
     */
    readonly messageKey: "message" | "Message" | "none" = "message",
  ) {
    super(message);
  }
}

/** An unexpected failure: the stack goes to the log, the client gets InternalFailure and no detail. */
export function internalFailure(): AwsError {
  return new AwsError("InternalFailure", "The request processing has failed because of an unknown error, exception or failure.", 500);
}

/** File-system errors that mean the data directory cannot take writes now, and may again later. */
const STORAGE_TROUBLE: Readonly<Record<string, string>> = {
  ENOSPC: "no space left on the device",
  EDQUOT: "the disk quota is exhausted",
  EROFS: "the file system is read-only",
  EIO: "an I/O error",
  EMFILE: "too many open files in the emulator",
  ENFILE: "too many open files on the machine",
};

/**
 * A write the data directory refused (disk full, read-only, I/O error) as a 503 the SDKs retry, naming the
 * cause so the user can act; nothing of the request was kept. Undefined for any other failure.
 */
export function storageUnavailable(error: unknown): AwsError | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const cause = code === undefined ? undefined : STORAGE_TROUBLE[code];
  if (cause === undefined) {
    return undefined;
  }
  return new AwsError("ServiceUnavailable", `The emulator cannot write its data directory: ${cause} (${code}). Nothing of this request was kept; retry once it can write again.`, 503);
}
