import { KinesisClient } from "@aws-sdk/client-kinesis";
import { emulatorDataDir, readEmulatorRecord } from "@gpu-stream/emulator/control";
import { noEmulatorMessage } from "./emulatorRecord";
import { localCredentials, type AccessKeyCredentials, type CredentialsProvider } from "./localCredentials";

/*
 * Where the clients point and the configuration every client shares, apart from the clients themselves: a producer
 * notebook (connectProducer) builds its Kinesis client from this without the declarations of the other SDK clients,
 * which tslab's type checker would otherwise hold for the kernel's life (docs/notebooks.md).
 */

/** `local`: the embedded emulator; `aws`: real AWS with the default credential chain. */
export type AwsMode = "local" | "aws";

export const AWS_MODES: readonly AwsMode[] = ["local", "aws"];

/** Where `npm run emulator` and 00_setup listen when the port is free; an example, never assumed. */
export const DEFAULT_LOCAL_ENDPOINT = "http://127.0.0.1:4566";
export const DEFAULT_LOCAL_REGION = "us-east-1";

export interface AwsTargetOptions {
  /** Default: env `GPU_STREAM_MODE`, else `local`. */
  readonly mode?: AwsMode | string;
  /**
   * local: a URL is used as given; "" or absent: env `GPU_STREAM_ENDPOINT`, else this checkout's emulator as its
   * data directory records it (env GPU_STREAM_EMULATOR_DATA_DIR, else <repo>/data/emulator), else an error saying
   * to run 00_setup. Never whatever answers on 4566. aws: only for a custom endpoint (VPC, FIPS).
   */
  readonly endpoint?: string;
  /** local: default us-east-1. aws: default `AWS_REGION`, `AWS_DEFAULT_REGION`, else the profile's region. */
  readonly region?: string;
  /** The shared-config profile; default env `AWS_PROFILE`, else the SDK's `default`. Locally only a source of credentials. */
  readonly profile?: string;
}

export interface AwsClientOptions extends AwsTargetOptions {
  /**
   * Local mode: the key to sign with (one an emulator started with --credentials accepts). Default: the SDK's
   * default chain (environment, profile, ...), else the dummy test/test. Ignored on AWS, which always uses the chain.
   */
  readonly credentials?: AccessKeyCredentials;
}

export interface AwsTarget {
  readonly mode: AwsMode;
  /** Undefined only in aws mode when the region comes from the profile, which the SDK reads on first use. */
  readonly region?: string;
  readonly endpoint?: string;
  /** Local mode, when the endpoint came from this data directory's record (connectPipeline checks it still serves it). */
  readonly emulatorDataDir?: string;
  readonly profile?: string;
  /** One line saying where the clients point, for a notebook or a script to print. */
  readonly description: string;
}

type Env = Readonly<Record<string, string | undefined>>;

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === "" ? undefined : trimmed;
}

function parseMode(value: string, origin: string): AwsMode {
  const mode = value.trim().toLowerCase();
  if (mode === "local" || mode === "aws") {
    return mode;
  }
  throw new RangeError(`${origin} '${value}' is not a mode: expected one of ${AWS_MODES.map((m) => `'${m}'`).join(", ")}`);
}

function parseEndpoint(value: string, origin: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new RangeError(`${origin} '${value}' is not a URL (expected e.g. ${DEFAULT_LOCAL_ENDPOINT})`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new RangeError(`${origin} '${value}' must be an http:// or https:// URL`);
  }
  return value.replace(/\/+$/, "");
}

/** The mode given, else env `GPU_STREAM_MODE`, else `local`. */
export function resolveAwsMode(mode: AwsMode | string | undefined, env: Env = process.env): AwsMode {
  if (mode !== undefined) {
    return parseMode(mode, "mode");
  }
  const fromEnv = nonEmpty(env["GPU_STREAM_MODE"]);
  return fromEnv === undefined ? "local" : parseMode(fromEnv, "GPU_STREAM_MODE");
}

/** The endpoint the caller or the environment named; undefined: find this checkout's emulator. */
function localEndpointNamed(options: AwsTargetOptions, env: Env): string | undefined {
  const given = nonEmpty(options.endpoint);
  if (given !== undefined) {
    return parseEndpoint(given, "endpoint");
  }
  const fromEnv = nonEmpty(env["GPU_STREAM_ENDPOINT"]);
  return fromEnv === undefined ? undefined : parseEndpoint(fromEnv, "GPU_STREAM_ENDPOINT");
}

/** Works out where the clients should point, from the options first and then the environment. */
export function resolveAwsTarget(options: AwsTargetOptions = {}, env: Env = process.env): AwsTarget {
  const mode = resolveAwsMode(options.mode, env);
  const profile = nonEmpty(options.profile) ?? nonEmpty(env["AWS_PROFILE"]);

  if (mode === "local") {
    const region = nonEmpty(options.region) ?? DEFAULT_LOCAL_REGION;
    const named = localEndpointNamed(options, env);
    if (named !== undefined) {
      return { mode, region, endpoint: named, ...(profile !== undefined ? { profile } : {}), description: `local emulator at ${named} (region ${region})` };
    }
    const dataDir = emulatorDataDir(undefined, env);
    const record = readEmulatorRecord(dataDir);
    if (record === undefined) {
      throw new Error(noEmulatorMessage(dataDir));
    }
    return {
      mode,
      region,
      endpoint: record.url,
      emulatorDataDir: dataDir,
      ...(profile !== undefined ? { profile } : {}),
      description: `this checkout's emulator at ${record.url} (data in ${dataDir}, region ${region})`,
    };
  }

  const region = nonEmpty(options.region) ?? nonEmpty(env["AWS_REGION"]) ?? nonEmpty(env["AWS_DEFAULT_REGION"]);
  const givenEndpoint = nonEmpty(options.endpoint);
  const endpoint = givenEndpoint !== undefined ? parseEndpoint(givenEndpoint, "endpoint") : undefined;
  const profileName = `profile '${profile ?? "default"}'`;
  const parts = [
    "AWS",
    region !== undefined ? `region ${region}` : `region from ${profileName}`,
    `credentials from the default chain (${profileName})`,
  ];
  // The SDK honours AWS_ENDPOINT_URL on its own; say so, or "aws" mode could silently talk to something else.
  const envEndpoint = nonEmpty(env["AWS_ENDPOINT_URL"]);
  if (endpoint !== undefined) {
    parts.push(`endpoint ${endpoint}`);
  } else if (envEndpoint !== undefined) {
    parts.push(`endpoint ${envEndpoint} from AWS_ENDPOINT_URL`);
  }
  return {
    mode,
    ...(region !== undefined ? { region } : {}),
    ...(endpoint !== undefined ? { endpoint } : {}),
    ...(profile !== undefined ? { profile } : {}),
    description: parts.join(", "),
  };
}

export type RegionProvider = () => Promise<string>;

/** The SDK's own region chain (AWS_REGION, the profile, EC2 metadata), with an error that says what to do. */
function profileRegionProvider(profile: string | undefined): RegionProvider {
  // A client built without a region resolves it lazily through the SDK's default chain; constructing one opens nothing.
  const sdkRegion = new KinesisClient(profile !== undefined ? { profile } : {}).config.region;
  return async () => {
    try {
      return await sdkRegion();
    } catch (error) {
      throw new Error(
        `No AWS region found for profile '${profile ?? "default"}': pass a region, set AWS_REGION, ` +
          `or add 'region = ...' to the profile in ~/.aws/config (${(error as Error).message})`,
        { cause: error },
      );
    }
  };
}

/** What every client of one target is built with. */
export interface CommonConfig {
  region: string | RegionProvider;
  endpoint?: string;
  profile?: string;
  credentials?: AccessKeyCredentials | CredentialsProvider;
}


export interface ClientConfig {
  readonly target: AwsTarget;
  readonly common: CommonConfig;
  /** The region the clients use, resolved as the SDK resolves it; rejects with a clear message when there is none. */
  region(): Promise<string>;
}

/** Resolves the target and the configuration its clients share; builds no client but the region chain's. */
export function resolveClientConfig(options: AwsClientOptions = {}, env: Env = process.env): ClientConfig {
  // The SDK's notice that its releases after early 2027 need Node 22 is nothing a student can act on mid-notebook
  // (the README says it, and these clients are pinned); it is read when a client is first made. Set it to "false" to see it.
  process.env["AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED"] ??= "true";
  const target = resolveAwsTarget(options, env);
  const region: string | RegionProvider = target.region ?? profileRegionProvider(target.profile);
  const common: CommonConfig = {
    region,
    ...(target.endpoint !== undefined ? { endpoint: target.endpoint } : {}),
    ...(target.mode === "aws" && target.profile !== undefined ? { profile: target.profile } : {}),
    ...(target.mode === "local" ? { credentials: options.credentials ?? localCredentials(target.profile) } : {}),
  };
  return { target, common, region: typeof region === "string" ? () => Promise.resolve(region) : region };
}

export interface ConnectOptions {
  /** Default: env `GPU_STREAM_MODE`, else `local`. */
  readonly mode?: AwsMode | string;
  /**
   * Local mode only (ignored on AWS, so a notebook's parameters can name both): the emulator's URL, used as given.
   * "" or absent: env GPU_STREAM_ENDPOINT, else this checkout's running emulator (its data directory's record),
   * else an error saying to run 00_setup. Never whatever happens to answer on 4566.
   */
  readonly localEndpoint?: string;
  readonly region?: string;
  /** The shared-config profile (locally only a source of credentials). */
  readonly profile?: string;
  /** Local mode only (ignored on AWS, like `localEndpoint`): the key to sign with, else the default chain, else test/test. */
  readonly credentials?: AccessKeyCredentials;
}

/** The client options a notebook's connect options mean: `localEndpoint` is the endpoint in local mode only. */
export function connectClientOptions(options: ConnectOptions): AwsClientOptions {
  const { localEndpoint, ...target } = options;
  const local = resolveAwsMode(target.mode) === "local";
  return local && localEndpoint !== undefined ? { ...target, endpoint: localEndpoint } : target;
}
