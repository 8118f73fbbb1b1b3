import type { RoleAuthority } from "../iam/RoleAuthority";
import type { PassRoleCheck } from "../iam/PassRoleCheck";
import type { FailureDescription } from "@aws-sdk/client-firehose";
import type { JsonService } from "../../server/JsonService";
import type { EmulatorService, ServiceEnvironment } from "../EmulatorService";
import type { KinesisStreams } from "../kinesis/KinesisStreams";
import type { S3Objects } from "../s3/S3Objects";
import type { LogEventSink } from "./deliveryErrorLog";
import type { FlushResult } from "./DeliveryStreamWorker";
import { DeliveryStreams } from "./DeliveryStreams";
import { firehoseApi } from "./firehoseApi";
import { firehoseBuffersReport, type FirehoseBuffersReport } from "./firehoseBuffers";

export type { DeliveredObject, DeliveryFailure, FlushResult } from "./DeliveryStreamWorker";
export type { FirehoseBuffersReport, FirehoseBufferStatus } from "./firehoseBuffers";

/** What a flush did, per delivery stream. */
export interface FirehoseFlushReport {
  readonly deliveryStreams: readonly FlushResult[];
}

export interface FirehoseOptions {
  /** Delay between attempts of a failed delivery (default 5000 ms, as AWS retries S3). */
  readonly retryDelayMs?: number;
  /** How long a new delivery stream stays CREATING (default 0: ACTIVE by the first DescribeDeliveryStream). */
  readonly createDeliveryStreamDelayMs?: number;
  /** Injected fault (not AWS): the FailureDescription a delivery stream created now goes CREATING_FAILED with. */
  readonly creationFailure?: () => FailureDescription | undefined;
  /** Injected fault (not AWS): how long a delivery stream deleted now stays DELETING. */
  readonly deletingForMs?: () => number;
  /**
   * Deliver every buffer on close() (default true). False leaves them to the checkpoint, as a crash would:
   * the next start delivers them.
   */
  readonly flushOnClose?: boolean;
}

export interface FirehoseService extends EmulatorService {
  readonly json: JsonService;
  /**
   * Delivers every buffer of one delivery stream (or of all) now, whatever the buffering hints say. Not AWS:
   * for tests and the main job. Throws ResourceNotFoundException for an unknown name.
   */
  flush(deliveryStreamName?: string): Promise<FirehoseFlushReport>;
  /** What each delivery stream buffers and has delivered since start; changes nothing. Not AWS. */
  buffers(): FirehoseBuffersReport;
}

/**
 * Firehose: delivery streams from a Kinesis stream (from LATEST, as AWS) or direct puts, buffered by size and
 * interval into S3 objects named as AWS names them. Reads Kinesis and writes S3 in-process, through their
 * interfaces. State lives under `environment.directory`, one folder per delivery stream.
 */
export async function createFirehoseService(
  environment: ServiceEnvironment,
  dependencies: { kinesis: KinesisStreams; s3: S3Objects; logs?: LogEventSink; roles?: RoleAuthority; passRole?: PassRoleCheck },
  options: FirehoseOptions = {},
): Promise<FirehoseService> {
  const streams = await DeliveryStreams.open({ directory: environment.directory, now: () => environment.context.now(), log: environment.log }, dependencies, {
    retryDelayMs: options.retryDelayMs ?? 5000,
    createDelayMs: options.createDeliveryStreamDelayMs ?? 0,
    ...(options.creationFailure === undefined ? {} : { creationFailure: options.creationFailure }),
    ...(options.deletingForMs === undefined ? {} : { deletingForMs: options.deletingForMs }),
    ...(dependencies.logs === undefined ? {} : { logs: dependencies.logs }),
  });
  let closed: Promise<void> | undefined;
  return {
    json: firehoseApi(streams, dependencies.passRole),
    flush: async (deliveryStreamName) => ({ deliveryStreams: await streams.flush(deliveryStreamName, environment.context.accountId) }),
    buffers: () => firehoseBuffersReport(streams.all().map((stream) => stream.worker.status())),
    close: () => {
      closed ??= streams.close(options.flushOnClose ?? true);
      return closed;
    },
  };
}
