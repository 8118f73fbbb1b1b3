import { fromEnv } from "@aws-sdk/credential-provider-env";
import { fromIni } from "@aws-sdk/credential-provider-ini";

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
 * Local mode's credentials: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, else the profile (the first two sources of
 * the SDK's default chain), so that an emulator started with --credentials takes them; the dummy key when neither
 * has one. The chain's later sources are left out on purpose: off EC2 the instance-metadata endpoint does not
 * answer, and waiting on it (up to a second) on every start of an offline exercise buys nothing locally.
 * The sources are asked once: the SDK keeps what it finds, but not a failure.
 */
export function localCredentials(profile: string | undefined): CredentialsProvider {
  const fromProfile = fromIni(profile === undefined ? {} : { profile });
  const environment = fromEnv();
  let source: Promise<CredentialsProvider> | undefined;
  return async () => {
    source ??= environment().then(
      () => environment,
      () =>
        fromProfile().then(
          () => fromProfile,
          // A fresh object each time: the SDK marks the credentials it is given with where they came from.
          () => () => Promise.resolve({ ...LOCAL_DUMMY_CREDENTIALS }),
        ),
    );
    return (await source)();
  };
}
