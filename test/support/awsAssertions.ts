import assert from "node:assert/strict";

/** An SDK error as the tests read it: ServiceException's `$fault` and `$metadata`, and the fields of the error's body. */
export type AwsError = Error & { $fault?: "client" | "server"; $metadata?: { httpStatusCode?: number } } & Record<string, unknown>;

/** What `rejectsWith` expects of the error: the AWS error's `name`, and its HTTP status and message when given. */
export interface ExpectedAwsError {
  name: string;
  /** The answer's HTTP status (the SDK's `$metadata.httpStatusCode`). */
  status?: number;
  /** The whole message (a string) or a pattern it matches. */
  message?: RegExp | string;
}

/** Asserts the call rejects with the AWS error `name`, with `status` and `message` when given; answers the error. */
export async function rejectsWith(call: Promise<unknown>, expected: ExpectedAwsError): Promise<AwsError> {
  let caught: unknown;
  await assert.rejects(call, (error: unknown) => {
    caught = error;
    return true;
  });
  const error = caught as AwsError;
  assert.equal(error.name, expected.name, `expected ${expected.name}, got ${error.name}: ${error.message}`);
  if (expected.status !== undefined) {
    assert.equal(error.$metadata?.httpStatusCode, expected.status);
  }
  if (typeof expected.message === "string") {
    assert.equal(error.message, expected.message);
  } else if (expected.message !== undefined) {
    assert.match(error.message, expected.message);
  }
  return error;
}
