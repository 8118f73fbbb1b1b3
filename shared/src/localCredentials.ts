import { KinesisClient } from "@aws-sdk/client-kinesis";

/** A key to sign requests with; a session token only for temporary credentials. */
export interface AccessKeyCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

/** What local mode signs with when nothing else is configured: an emulator that checks no credential takes any key. Never real keys. */
export const LOCAL_DUMMY_CREDENTIALS = { accessKeyId: "test", secretAccessKey: "test" } as const satisfies AccessKeyCredentials;

export type CredentialsProvider = () => Promise<AccessKeyCredentials>;

/**
 * Local mode's credentials: the SDK's default chain, as on AWS (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, the
 * profile, ...), so that an emulator started with --credentials takes them; the dummy key when the chain has none.
 * The chain is asked once: the SDK keeps what it finds, but not a failure, and asking again on every request would
 * wait each time on the instance-metadata endpoint, which does not answer off EC2.
 */
export function localCredentials(region: string, profile: string | undefined): CredentialsProvider {
  // A client made without credentials resolves them lazily through the SDK's default chain; making one opens nothing.
  const chain = new KinesisClient({ region, ...(profile === undefined ? {} : { profile }) }).config.credentials;
  let source: Promise<CredentialsProvider> | undefined;
  return async () => {
    source ??= chain().then(
      () => () => chain(),
      // A fresh object each time: the SDK marks the credentials it is given with where they came from.
      () => () => Promise.resolve({ ...LOCAL_DUMMY_CREDENTIALS }),
    );
    return (await source)();
  };
}
