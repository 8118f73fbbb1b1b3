import { mkdir, rm } from "node:fs/promises";
import { join, resolve } from "node:path";
import type { ConnectionLimits } from "./server/connectionLimits";
import { createHostCheck } from "./server/hostCheck";
import { hostGate } from "./server/hostGate";
import { listenBothProtocols } from "./server/listenBothProtocols";
import type { RequestContext } from "./server/JsonService";
import { routeRequest } from "./server/routeRequest";
import type { AccessKey } from "./server/auth/AccessKey";
import type { RequestAuthenticator } from "./server/auth/RequestAuthenticator";
import type { EmulatorService, ServiceEnvironment } from "./services/EmulatorService";
import { createAthenaService, type AthenaStats } from "./services/athena/createAthenaService";
import { createIamService } from "./services/iam/createIamService";
import { PassRoleCheck } from "./services/iam/PassRoleCheck";
import { RoleAuthority } from "./services/iam/RoleAuthority";
import { AssumedSessions } from "./services/sts/AssumedSessions";
import { createStsService } from "./services/sts/createStsService";
import { createGlueService } from "./services/glue/createGlueService";
import { createFirehoseService, type FirehoseFlushReport } from "./services/firehose/createFirehoseService";
import { EmulatorFaults } from "./faults/EmulatorFaults";
import { controlRoutes } from "./control/controlRoutes";
import { delayedQueryService } from "./faults/delayedQueryService";
import { ensureInstanceId } from "./instanceId";
import { createKinesisService } from "./services/kinesis/createKinesisService";
import { createLogsService } from "./services/logs/createLogsService";
import { createS3Service } from "./services/s3/createS3Service";

export interface EmulatorOptions {
  /** Where all state lives, as plain files. */
  readonly dataDir: string;
  /** Default 4566, as LocalStack; 0 picks a free port. */
  readonly port?: number;
  /** Default 127.0.0.1: loopback only unless told (and a warning then, logged through `log`). */
  readonly host?: string;
  /**
   * More names the emulator answers in `Host` (CLI: `--allow-host`), for clients that reach it by another name: a
   * container's (`localstack`, `host.docker.internal`) or a proxy's. Always answered: localhost, *.localhost, IP
   * addresses, the `host` listened on and this machine's name; any other name gets 421 Misdirected Request, the
   * guard against DNS rebinding (server/hostCheck.ts; docs/emulator.md, "Host names").
   */
  readonly allowHosts?: readonly string[];
  /** Time limits for each phase of a connection, and the cap on open connections (server/connectionLimits.ts). */
  readonly connectionLimits?: Partial<ConnectionLimits>;
  /**
   * Keys whose SigV4 signatures the emulator accepts: with any, every AWS request must be signed with one of them
   * (header or presigned URL) and is refused as the service refuses a bad signature otherwise. Default none: no
   * credential is checked, as before. `/_emulator/` paths never need a signature. See docs/emulator.md, Credentials.
   */
  readonly credentials?: readonly AccessKey[];
  /** Deletes the data directory's contents first. */
  readonly reset?: boolean;
  readonly region?: string;
  /** How long a new stream stays CREATING (default 0: ACTIVE by the first DescribeStream). */
  readonly createStreamDelayMs?: number;
  /** Answer AWS's per-shard write limits (1 MiB/s, 1000 records/s) with ProvisionedThroughputExceededException. */
  readonly enforceShardLimits?: boolean;
  /** How long a Kinesis SubscribeToShard subscription pushes events before its stream ends (default 300,000: AWS's 5 minutes). */
  readonly subscriptionLifetimeMs?: number;
  /**
   * Refuse role ARNs that name no role in the emulator's IAM, as AWS does (`--enforce-iam`). Off by default: local
   * mode names roles it never creates. A role that exists is always evaluated (services/iam/RoleAuthority.ts).
   */
  readonly enforceIam?: boolean;
  /** How long a new Firehose delivery stream stays CREATING (default 0: ACTIVE by the first DescribeDeliveryStream). */
  readonly createDeliveryStreamDelayMs?: number;
  /**
   * Also fsync Kinesis writes before acknowledging them (power-loss durability), with group commit: one
   * fdatasync serves every request waiting on it. Default off: acknowledged records are with the operating system.
   */
  readonly fsync?: boolean;
  /** Milliseconds since the epoch; for tests. */
  readonly now?: () => number;
  /** Where log lines go; default stderr. */
  readonly log?: (message: string) => void;
}

export interface RunningEmulator {
  /** e.g. http://127.0.0.1:4566 */
  readonly url: string;
  readonly port: number;
  readonly dataDir: string;
  /** The data directory's instance id, which GET /_emulator/health answers. */
  readonly instance: string;
  /**
   * Delivers every Firehose buffer (of one delivery stream, or all) now, whatever its buffering hints say.
   * Not AWS: also `POST /_emulator/firehose/flush[?name=...]`.
   */
  flushFirehose(deliveryStreamName?: string): Promise<FirehoseFlushReport>;
  /** Athena's own figures since this emulator started (not AWS); the direct JSON scans count is for its tests. */
  athenaStats(): AthenaStats;
  /** Stops listening, delivers what Firehose buffers, closes files. */
  close(): Promise<void>;
}

export const DEFAULT_PORT = 4566;
export const DEFAULT_HOST = "127.0.0.1";
export const ACCOUNT_ID = "000000000000";

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+|localhost)$/;

/** Said whenever the emulator listens beyond this machine, so in-process users hear it as the CLI's do. */
function exposureWarning(host: string, credentialsChecked: boolean): string {
  return credentialsChecked
    ? `warning: listening on ${host}, beyond this machine; requests must be signed with the configured credentials, but travel as plain HTTP`
    : `warning: listening on ${host}, beyond this machine; the emulator checks no credentials, so anyone who can reach it can read and write its data (configure credentials to check them)`;
}

/** SigV4 checking, loaded only when credentials are configured: most starts check none. */
function signatureChecks(credentials: readonly AccessKey[], now: () => number): RequestAuthenticator {
  const { createAuthenticator } = require("./server/auth/RequestAuthenticator") as typeof import("./server/auth/RequestAuthenticator");
  return createAuthenticator(credentials, now);
}

/** Starts the emulator in this process: every service on one port, state under `dataDir`. */
export async function start(options: EmulatorOptions): Promise<RunningEmulator> {
  const dataDir = resolve(options.dataDir);
  if (options.reset === true) {
    await rm(dataDir, { recursive: true, force: true });
  }
  await mkdir(dataDir, { recursive: true });
  const log = options.log ?? ((message: string) => void process.stderr.write(`${message}\n`));
  const host = options.host ?? DEFAULT_HOST;
  const credentials = options.credentials ?? [];
  if (!LOOPBACK.test(host)) {
    log(exposureWarning(host, credentials.length > 0));
  }
  const instance = await ensureInstanceId(dataDir, log);
  const context: RequestContext = { region: options.region ?? "us-east-1", accountId: ACCOUNT_ID, now: options.now ?? Date.now };
  const environment = async (name: string): Promise<ServiceEnvironment> => {
    const directory = join(dataDir, name);
    await mkdir(directory, { recursive: true });
    return { directory, context, log };
  };

  const faults = new EmulatorFaults(context.now);
  const services: EmulatorService[] = [];
  const iam = await createIamService(await environment("iam"));
  const roleAuthority = new RoleAuthority(iam.roles, context.accountId, {
    enforceRoles: options.enforceIam ?? false,
    propagationDelayMs: () => faults.rolePropagationDelayMs(),
    now: context.now,
    log,
  });
  const sessions = new AssumedSessions();
  const passRole = new PassRoleCheck(sessions, roleAuthority);
  const kinesis = await createKinesisService(await environment("kinesis"), {
    createStreamDelayMs: options.createStreamDelayMs ?? 0,
    enforceShardLimits: options.enforceShardLimits ?? false,
    fsync: options.fsync ?? false,
    subscriptionLifetimeMs: options.subscriptionLifetimeMs,
  });
  services.push(kinesis);
  const s3 = await createS3Service(await environment("s3"), { createBucketAborted: () => faults.createBucketAborted() });
  services.push(s3);
  const logs = await createLogsService(await environment("logs"));
  services.push(logs);
  const firehose = await createFirehoseService(
    await environment("firehose"),
    { kinesis: kinesis.streams, s3: s3.objects, logs: logs.store, roles: roleAuthority, passRole },
    {
      createDeliveryStreamDelayMs: options.createDeliveryStreamDelayMs ?? 0,
      creationFailure: () => faults.deliveryStreamCreationFailure(),
      deletingForMs: () => faults.deliveryStreamDeletingForMs(),
    },
  );
  services.push(firehose);
  const glue = await createGlueService(await environment("glue"), { s3: s3.objects, roles: roleAuthority, passRole, logs: logs.store });
  services.push(glue);
  const athena = await createAthenaService(await environment("athena"), { s3: s3.objects, catalog: glue.catalog, s3Directory: join(dataDir, "s3") });
  services.push(athena);
  services.push(iam);
  const queryServices = [delayedQueryService(iam.query, () => faults.iamLatencyMs()), createStsService(iam.roles, sessions)];

  const control = controlRoutes({
    instance,
    services: ["kinesis", "firehose", "s3", "glue", "athena", "iam", "sts", "logs"],
    flushFirehose: (name) => firehose.flush(name),
    firehoseBuffers: () => firehose.buffers(),
    faults,
  });

  const logError = (error: unknown): void => log(`internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  const server = await listenBothProtocols({
    port: options.port ?? DEFAULT_PORT,
    host,
    onError: logError,
    log,
    limits: options.connectionLimits ?? {},
    gate: hostGate(createHostCheck({ listenHost: host, allowHosts: options.allowHosts ?? [] }), log),
    handler: routeRequest({
      jsonServices: services.flatMap((service) => (service.json === undefined ? [] : [service.json])),
      queryServices,
      rest: s3.rest!,
      control,
      context,
      log: logError,
      ...(credentials.length === 0 ? {} : { authenticator: signatureChecks(credentials, context.now) }),
    }),
  });
  const urlHost = host.includes(":") ? `[${host}]` : host === "0.0.0.0" ? "127.0.0.1" : host;
  let closed: Promise<void> | undefined;
  return {
    url: `http://${urlHost}:${server.port}`,
    port: server.port,
    dataDir,
    instance,
    flushFirehose: (deliveryStreamName) => firehose.flush(deliveryStreamName),
    athenaStats: () => athena.stats(),
    close: () => {
      closed ??= (async () => {
        await server.close();
        // Firehose first: it delivers its buffers, reading Kinesis and writing S3 while they are still open.
        for (const service of services.reverse()) {
          await service.close();
        }
      })();
      return closed;
    },
  };
}
