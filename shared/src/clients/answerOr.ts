/**
 * The request's answer, or `fallback` when it fails with `errorClass`: a describe that answers "not found" as
 * undefined, a create that answers "already exists" as false. Any other error is thrown.
 */
export async function answerOr<Answer, Fallback>(
  request: Promise<Answer>,
  errorClass: abstract new (...args: never[]) => Error,
  fallback: Fallback,
): Promise<Answer | Fallback> {
  try {
    return await request;
  } catch (error) {
    if (error instanceof errorClass) {
      return fallback;
    }
    throw error;
  }
}
