/**
 * The request's answer; an answer of 501 NotImplemented (the emulator's "operation not implemented", which AWS
 * never gives for an operation of its API) skips it with a line and answers undefined instead of failing, so that
 * set-up and teardown work against an emulator that does not serve every operation they send yet.
 */
export async function unlessEmulatorLacks<Answer>(what: string, request: () => Promise<Answer>, say: (line: string) => void): Promise<Answer | undefined> {
  try {
    return await request();
  } catch (error) {
    const answer = error as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
    if (answer.name !== "NotImplemented" || answer.$metadata?.httpStatusCode !== 501) {
      throw error;
    }
    say(`${what}: skipped, the endpoint does not serve it (${answer.message ?? "501 NotImplemented"})`);
    return undefined;
  }
}
