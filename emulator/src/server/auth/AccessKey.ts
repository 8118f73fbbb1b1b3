/** A key pair the emulator accepts when credentials are checked. */
export interface AccessKey {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** When set, requests signed with this key must carry exactly this X-Amz-Security-Token; when not, none. */
  readonly sessionToken?: string;
}

/**
 * `<id>:<secret>[:<session token>]`, as `--credentials` and GPU_STREAM_EMULATOR_CREDENTIALS write a key
 * (the environment variable may hold several, separated by commas or whitespace). No part has a colon:
 * access key ids are letters and digits, secrets and tokens base64.
 */
export function parseAccessKey(text: string): AccessKey {
  const parts = text.trim().split(":");
  if (parts.length < 2 || parts.length > 3 || parts.some((part) => part === "")) {
    throw new Error(`expected <access key id>:<secret access key>[:<session token>], got '${text.trim().replace(/:.*/, ":...")}'`);
  }
  const [accessKeyId, secretAccessKey, sessionToken] = parts as [string, string, string?];
  return sessionToken === undefined ? { accessKeyId, secretAccessKey } : { accessKeyId, secretAccessKey, sessionToken };
}

export function parseAccessKeys(text: string): AccessKey[] {
  return text
    .split(/[\s,]+/)
    .filter((entry) => entry !== "")
    .map(parseAccessKey);
}
