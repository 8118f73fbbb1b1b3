import assert from "node:assert/strict";

/** Asserts the promise rejects with the AWS error `name`, and that its message matches `message` when given. */
export async function rejectsWith(promise: Promise<unknown>, name: string, message?: RegExp | string): Promise<Error & { $metadata?: { httpStatusCode?: number } }> {
  let caught: unknown;
  await assert.rejects(promise, (error: unknown) => {
    caught = error;
    return true;
  });
  const error = caught as Error & { $metadata?: { httpStatusCode?: number } };
  assert.equal(error.name, name, `expected ${name}, got ${error.name}: ${error.message}`);
  if (typeof message === "string") {
    assert.equal(error.message, message);
  } else if (message !== undefined) {
    assert.match(error.message, message);
  }
  return error;
}
