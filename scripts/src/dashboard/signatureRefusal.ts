import { LOCAL_DUMMY_CREDENTIALS, type AwsMode } from "@gpu-stream/shared";

/**
 * The errors that mean "this key or its signature is not accepted", as the emulator (docs/emulator.md,
 * "Credentials") and AWS word them. Not AccessDenied: on AWS that is a missing permission, not a bad key.
 */
const REFUSALS = new Set([
  "MissingAuthenticationTokenException",
  "IncompleteSignatureException",
  "UnrecognizedClientException",
  "InvalidSignatureException",
  "InvalidClientTokenId",
  "ExpiredTokenException",
  "ExpiredToken",
  "InvalidAccessKeyId",
  "SignatureDoesNotMatch",
]);

export function isSignatureRefusal(error: unknown): boolean {
  return error instanceof Error && REFUSALS.has(error.name);
}

/** What the page says once, above the cards, when a service refused the dashboard's signature: why, and what to do. */
export function refusalAdvice(mode: AwsMode, accessKeyId: string | undefined): string {
  if (mode === "aws") {
    return (
      `AWS refused the dashboard's credentials${accessKeyId === undefined ? "" : ` (access key ${accessKeyId})`}: ` +
      "it uses the default credential chain, as the notebooks do; check AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or the profile (--profile, AWS_PROFILE), and that a temporary key has not expired"
    );
  }
  const signedWith =
    accessKeyId === undefined
      ? ""
      : accessKeyId === LOCAL_DUMMY_CREDENTIALS.accessKeyId
        ? ` (it signed with the dummy key '${accessKeyId}': no --credentials given, and none in the environment or the profile)`
        : ` (it signed with access key '${accessKeyId}': not one of the emulator's keys, or not with that secret)`;
  return (
    `the emulator refused the dashboard's signature${signedWith}: the emulator checks credentials (it was started with --credentials). ` +
    "Start the dashboard with --credentials KEY:SECRET, one of the emulator's keys (or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY to it)"
  );
}
