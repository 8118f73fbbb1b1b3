import { randomUUID } from "node:crypto";
import { AwsError } from "../../protocol/AwsError";
import type { S3Objects } from "../s3/S3Objects";
import { DeliveryBuffer, type BufferedRecord } from "./DeliveryBuffer";
import type { CheckpointState, DeliveryCheckpoint, PendingDelivery } from "./DeliveryCheckpoint";
import type { DeliveryErrorReporter } from "./deliveryErrorLog";
import type { DeliverySettings } from "./deliverySettings";
import type { DirectPutLog, LoggedRecord } from "./DirectPutLog";
import { encodeDeliveredObject, encodePartitioningFailedObject, encodeProcessingFailedObject, PARTITIONING_FAILURE_CODES } from "./encodeObject";
import { ROLE_DENIALS } from "./firehoseRole";
import { kinesisSegments, type KinesisSourceReader } from "./KinesisSourceReader";
import { objectKey } from "./objectKeys";
import { partitionRecords, type RecordPartition } from "./partitionRecords";

export interface DeliveredObject {
  readonly bucket: string;
  readonly key: string;
  readonly records: number;
  readonly bytes: number;
  /** Objects of failed records went under the error output prefix, by error output type. */
  readonly outcome: "delivered" | "processing-failed" | "partitioning-failed" | "activePartitionExceeded";
}

export interface DeliveryFailure {
  /** As Firehose logs it: `S3.NoSuchBucket`, `InternalError`, ... */
  readonly code: string;
  readonly message: string;
}

/** What one flush of one delivery stream did. */
export interface FlushResult {
  readonly deliveryStreamName: string;
  readonly objects: readonly DeliveredObject[];
  /** Records still waiting: none after a successful flush. */
  readonly bufferedRecords: number;
  /** Why delivery is failing, when it is (it is retried). */
  readonly error?: DeliveryFailure;
}

/** What a delivery stream holds and has delivered since the emulator started (not AWS: Firehose exposes no such figures). */
export interface DeliveryStatus {
  readonly deliveryStreamName: string;
  /** Records read or put but not yet in an object (including one being written). */
  readonly bufferedRecords: number;
  readonly bufferedBytes: number;
  /** When the buffer's interval hint falls due (epoch ms), if it holds anything. */
  readonly nextDeliveryMs?: number;
  readonly objectsDelivered: number;
  readonly recordsDelivered: number;
  readonly bytesDelivered: number;
  readonly lastDeliveryMs?: number;
  readonly error?: DeliveryFailure;
}

export type DeliverySource = { readonly kind: "kinesis"; readonly reader: KinesisSourceReader } | { readonly kind: "direct-put"; readonly log: DirectPutLog };

export interface WorkerEnvironment {
  readonly s3: S3Objects;
  readonly now: () => number;
  readonly log: (message: string) => void;
  /** Delay between attempts of a failed delivery (AWS: 5 seconds). */
  readonly retryDelayMs: number;
  /** Writes each failed attempt to CloudWatch Logs when the destination's CloudWatchLoggingOptions enable it. */
  readonly reportDeliveryError?: DeliveryErrorReporter;
  /** Whether the delivery stream's role may write this object now (absent: always). */
  readonly mayPutObject?: (bucket: string, key: string) => boolean;
  /** Whether the role may read the Kinesis source now (absent: always). */
  readonly mayReadSource?: () => boolean;
}

interface DeliveredTotals {
  readonly objects: number;
  readonly records: number;
  readonly bytes: number;
  readonly lastMs?: number;
}

interface PendingChunk {
  readonly intent: PendingDelivery;
  readonly records: readonly BufferedRecord[];
  /** Dynamic partitioning: the records split by partition, in the order of intent.partitions. */
  readonly partitions?: readonly RecordPartition[];
}

const S3_FAILURE_CODES = new Set(["NoSuchBucket", "AccessDenied", "AccountProblem", "AllAccessDisabled", "InvalidPayer", "NotSignedUp", "MethodNotAllowed"]);

function deliveryFailure(error: unknown): DeliveryFailure {
  if (error instanceof AwsError && S3_FAILURE_CODES.has(error.code)) {
    return { code: `S3.${error.code}`, message: error.message };
  }
  return { code: "InternalError", message: `An internal error occurred while attempting to deliver data. Delivery will be retried. (${error instanceof Error ? error.message : String(error)})` };
}

/**
 * Delivers one delivery stream: buffers records, turns each full or due buffer into one S3 object, and moves
 * the durable checkpoint past it only once the object is written. Every step runs in one queue, so reads,
 * deliveries and flushes never interleave.
 */
export class DeliveryStreamWorker {
  private readonly buffer: DeliveryBuffer;
  private pending: PendingChunk | undefined;
  private failure: DeliveryFailure | undefined;
  /** Why the Kinesis source cannot be read, while it cannot: what was buffered is still delivered. */
  private sourceFailure: DeliveryFailure | undefined;
  private timer: NodeJS.Timeout | undefined;
  private timerIsRetry = false;
  private queue: Promise<unknown> = Promise.resolve();
  private readScheduled = false;
  private closed = false;
  private totals: DeliveredTotals = { objects: 0, records: 0, bytes: 0 };

  private constructor(
    readonly name: string,
    private readonly versionId: string,
    private readonly settings: DeliverySettings,
    private readonly checkpoint: DeliveryCheckpoint,
    private readonly source: DeliverySource,
    private readonly environment: WorkerEnvironment,
  ) {
    this.buffer = new DeliveryBuffer(settings.sizeBytes, settings.intervalMs);
  }

  /**
   * Opens a worker where its checkpoint left off. A delivery recorded as pending (the emulator stopped between
   * recording it and moving past it) is delivered again first, with the same key and the same records.
   */
  static async open(
    definition: { readonly name: string; readonly versionId: string },
    settings: DeliverySettings,
    checkpoint: DeliveryCheckpoint,
    source: DeliverySource,
    undelivered: readonly LoggedRecord[],
    environment: WorkerEnvironment,
  ): Promise<DeliveryStreamWorker> {
    const worker = new DeliveryStreamWorker(definition.name, definition.versionId, settings, checkpoint, source, environment);
    const pending = checkpoint.state.pending;
    const logged = undelivered.map((record): BufferedRecord => ({ data: record.data, arrivalMs: record.arrivalMs, origin: { logSeq: record.seq } }));
    if (pending?.kinesis !== undefined && source.kind === "kinesis") {
      try {
        worker.pending = { intent: pending, records: await source.reader.readSegments(pending.kinesis) };
      } catch (error) {
        // The source stream is gone (or trimmed): nothing to write again; delivery goes on from the checkpoint.
        environment.log(`firehose ${definition.name}: cannot read the pending delivery again: ${error instanceof Error ? error.message : String(error)}`);
      }
    } else if (pending?.log !== undefined) {
      const { first, last } = pending.log;
      const inRange = (record: BufferedRecord): boolean => "logSeq" in record.origin && record.origin.logSeq >= first && record.origin.logSeq <= last;
      worker.pending = { intent: pending, records: logged.filter(inRange) };
      worker.buffer.push(...logged.filter((record) => !inRange(record)));
    } else {
      worker.buffer.push(...logged);
    }
    if (worker.pending !== undefined && pending?.partitions !== undefined) {
      worker.pending = await worker.splitAgain(worker.pending);
    }
    worker.later(0);
    return worker;
  }

  /** After a restart: the pending records split into the same partitions again, each with its recorded key. */
  private async splitAgain(chunk: PendingChunk): Promise<PendingChunk> {
    const recorded = new Map((chunk.intent.partitions ?? []).map((partition) => [partition.label, partition]));
    const partitions = await partitionRecords(chunk.records, this.settings.partitioning!, this.settings.prefixes.delivered);
    const keyed = partitions.map((partition) => ({ label: partition.label, key: recorded.get(partition.label)?.key ?? this.partitionKey(partition), records: partition.records.length }));
    return { intent: { ...chunk.intent, partitions: keyed }, records: chunk.records, partitions };
  }

  private partitionKey(partition: RecordPartition): string {
    const failed = partition.outcome !== "delivered";
    return objectKey(
      failed ? this.settings.prefixes.failed : this.settings.prefixes.delivered,
      { deliveryStreamName: this.name, versionId: this.versionId, firstArrivalMs: partition.records[0]!.arrivalMs, uuid: randomUUID(), extension: this.settings.extension },
      failed ? { errorOutputType: partition.outcome } : { partitionKeys: partition.keys ?? {} },
    );
  }

  private serially<T>(task: () => Promise<T>): Promise<T> {
    const result = this.queue.then(task);
    this.queue = result.catch((error: unknown) => this.environment.log(`firehose ${this.name}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`));
    return result;
  }

  /** Runs a drain in the queue after `delayMs` (a retry when `retry`), replacing any earlier timer. */
  private later(delayMs: number, retry = false): void {
    this.cancelTimer();
    if (this.closed) {
      return;
    }
    this.timerIsRetry = retry;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.serially(() => this.drain(false, [], retry)).catch(() => undefined);
    }, Math.max(0, delayMs));
    this.timer.unref();
  }

  private cancelTimer(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Sets the one timer: the retry of a failing delivery, else the buffer's size or interval hint. */
  private scheduleNext(): void {
    if (this.failure !== undefined) {
      // Retried on its own clock: records arriving meanwhile don't postpone it.
      if (this.timer === undefined || !this.timerIsRetry) {
        this.later(this.environment.retryDelayMs, true);
      }
      return;
    }
    const dueAt = this.buffer.dueAtMs();
    const dueIn = dueAt === undefined ? undefined : this.buffer.isFull() ? 0 : dueAt - this.environment.now();
    if (this.sourceFailure !== undefined) {
      // The source is read again on its own clock, or sooner when the buffer falls due.
      this.later(Math.min(this.environment.retryDelayMs, dueIn ?? Infinity));
      return;
    }
    if (dueIn === undefined) {
      this.cancelTimer();
      return;
    }
    this.later(dueIn);
  }

  /** DirectPut: logs the records durably, then buffers them. Resolves with their log positions. */
  async put(records: readonly Uint8Array[]): Promise<LoggedRecord[]> {
    if (this.source.kind !== "direct-put") {
      throw new Error(`${this.name} does not take direct puts`);
    }
    const arrivalMs = this.environment.now();
    const logged = await this.source.log.append(records.map((data) => ({ data, arrivalMs })));
    this.buffer.push(...logged.map((record): BufferedRecord => ({ data: record.data, arrivalMs: record.arrivalMs, origin: { logSeq: record.seq } })));
    if (this.timer === undefined || this.buffer.isFull()) {
      this.scheduleNext();
    }
    return logged;
  }

  /** Kinesis source: new records were appended to the stream; read them soon (many appends, one read). */
  notifySourceAppend(): void {
    if (this.readScheduled || this.closed) {
      return;
    }
    this.readScheduled = true;
    setImmediate(() => {
      this.readScheduled = false;
      void this.serially(() => this.drain(false, [])).catch(() => undefined);
    });
  }

  /** Delivers everything buffered now, whatever the hints say. */
  flush(): Promise<FlushResult> {
    return this.serially(async () => {
      const objects: DeliveredObject[] = [];
      await this.drain(true, objects);
      return {
        deliveryStreamName: this.name,
        objects,
        bufferedRecords: this.buffer.length + (this.pending?.records.length ?? 0),
        ...this.errorField(),
      };
    });
  }

  /** The failure a flush or status reports: the delivery's, else the source's. */
  private errorField(): { error?: DeliveryFailure } {
    const error = this.failure ?? this.sourceFailure;
    return error === undefined ? {} : { error };
  }

  /** What is buffered and what was delivered since the emulator started; reads nothing, changes nothing. */
  status(): DeliveryStatus {
    const pending = this.pending?.records ?? [];
    const dueAt = this.buffer.dueAtMs();
    return {
      deliveryStreamName: this.name,
      bufferedRecords: this.buffer.length + pending.length,
      bufferedBytes: this.buffer.bytes + pending.reduce((sum, record) => sum + record.data.length, 0),
      ...(dueAt === undefined ? {} : { nextDeliveryMs: dueAt }),
      objectsDelivered: this.totals.objects,
      recordsDelivered: this.totals.records,
      bytesDelivered: this.totals.bytes,
      ...(this.totals.lastMs === undefined ? {} : { lastDeliveryMs: this.totals.lastMs }),
      ...this.errorField(),
    };
  }

  /** Stops the timers and closes files; with `flush`, delivers what is buffered first. */
  async close(flush: boolean): Promise<void> {
    if (flush) {
      await this.flush();
    }
    this.closed = true;
    this.cancelTimer();
    await this.serially(async () => undefined);
    if (this.source.kind === "direct-put") {
      await this.source.log.close();
    }
  }

  /**
   * Reads the source (Kinesis) and delivers what is due (everything when `force`), until nothing is left to do.
   * While a delivery is failing, only a flush or the retry timer (`retry`) tries again.
   */
  private async drain(force: boolean, delivered: DeliveredObject[], retry = false): Promise<void> {
    if (this.closed || (this.failure !== undefined && !force && !retry)) {
      return;
    }
    for (;;) {
      const readMore = await this.readSource();
      await this.deliverDue(force, delivered);
      if (!readMore || this.failure !== undefined) {
        break;
      }
    }
    this.scheduleNext();
  }

  /** Reads new Kinesis records into the buffer, up to twice its size; true when it stopped early. */
  private async readSource(): Promise<boolean> {
    if (this.source.kind !== "kinesis") {
      return false;
    }
    const room = 2 * this.settings.sizeBytes - this.buffer.bytes;
    if (room <= 0) {
      return true;
    }
    if (this.environment.mayReadSource?.() === false) {
      // Nothing is read, so nothing is lost: the records wait in the stream until the role may read them.
      this.report(ROLE_DENIALS.kinesis, this.sourceFailure, `cannot read Kinesis stream ${this.source.reader.streamName}`);
      this.sourceFailure = ROLE_DENIALS.kinesis;
      return false;
    }
    this.sourceFailure = undefined;
    let records: BufferedRecord[];
    try {
      records = await this.source.reader.read(room);
    } catch (error) {
      this.environment.log(`firehose ${this.name}: cannot read Kinesis stream ${this.source.reader.streamName}: ${error instanceof Error ? error.message : String(error)}`);
      return false;
    }
    this.buffer.push(...records);
    return this.buffer.bytes >= 2 * this.settings.sizeBytes;
  }

  private async deliverDue(force: boolean, delivered: DeliveredObject[]): Promise<void> {
    if (this.pending !== undefined && !(await this.attempt(delivered))) {
      return;
    }
    while (this.buffer.length > 0 && (force || this.buffer.isDue(this.environment.now()))) {
      const records = this.buffer.take();
      try {
        await this.prepare(records);
      } catch (error) {
        // The checkpoint could not be written (a full disk): nothing was delivered; try again later.
        this.buffer.putBack(records);
        this.fail(error);
        return;
      }
      if (!(await this.attempt(delivered))) {
        return;
      }
    }
  }

  /** Names the object and records it as pending before anything is written. */
  private async prepare(records: BufferedRecord[]): Promise<void> {
    const state = this.checkpoint.state;
    const firstArrivalMs = records[0]!.arrivalMs;
    const failed = this.settings.lambda !== undefined;
    // A Lambda processor fails every record before partitioning, as it would on AWS with no such function.
    const partitions = !failed && this.settings.partitioning !== undefined ? await partitionRecords(records, this.settings.partitioning, this.settings.prefixes.delivered) : undefined;
    const pendingPartitions = partitions?.map((partition) => ({ label: partition.label, key: this.partitionKey(partition), records: partition.records.length }));
    const onlyKey = (): string =>
      objectKey(
        failed ? this.settings.prefixes.failed : this.settings.prefixes.delivered,
        { deliveryStreamName: this.name, versionId: this.versionId, firstArrivalMs, uuid: randomUUID(), extension: this.settings.extension },
        failed ? { errorOutputType: "processing-failed" } : {},
      );
    const key = pendingPartitions?.[0]?.key ?? onlyKey();
    const origin = records[0]!.origin;
    const intent: PendingDelivery = {
      key,
      outcome: failed ? "processing-failed" : "delivered",
      records: records.length,
      firstArrivalMs,
      ...(failed || partitions !== undefined ? { attemptEndingMs: this.environment.now() } : {}),
      ...(pendingPartitions === undefined ? {} : { partitions: pendingPartitions }),
      ...("logSeq" in origin
        ? { log: { first: origin.logSeq, last: (records[records.length - 1]!.origin as { logSeq: number }).logSeq } }
        : { kinesis: kinesisSegments(records, state.shards) }),
    };
    await this.checkpoint.save({ ...state, pending: intent });
    this.pending = { intent, records, ...(partitions === undefined ? {} : { partitions }) };
  }

  /**
   * Records why delivery is failing (it is retried), logging each new cause once to the emulator's log and every
   * attempt to CloudWatch Logs, as Firehose does when error logging is enabled.
   */
  private fail(error: unknown): void {
    this.failWith(deliveryFailure(error));
  }

  private failWith(failure: DeliveryFailure): void {
    this.report(failure, this.failure, `delivery to s3://${this.settings.bucket} failed`);
    this.failure = failure;
  }

  /** Logs a failed attempt to CloudWatch Logs, and to the emulator's log when its cause is new. */
  private report(failure: DeliveryFailure, previous: DeliveryFailure | undefined, what: string): void {
    this.environment.reportDeliveryError?.(failure);
    if (previous?.code !== failure.code) {
      this.environment.log(`firehose ${this.name}: ${what} (${failure.code}: ${failure.message}); retrying every ${this.environment.retryDelayMs / 1000} s`);
    }
  }

  /** Writes the pending object; on success moves the checkpoint past it, on failure schedules a retry. */
  /** The objects of the pending delivery: one, or one per partition with dynamic partitioning. */
  private pendingObjects(): { key: string; records: readonly BufferedRecord[]; body: Uint8Array; outcome: DeliveredObject["outcome"] }[] {
    const { intent, records, partitions } = this.pending!;
    const attemptEndingMs = intent.attemptEndingMs ?? intent.firstArrivalMs;
    if (partitions !== undefined) {
      return partitions.map((partition, index) => ({
        key: intent.partitions![index]!.key,
        records: partition.records,
        outcome: partition.outcome,
        body:
          partition.outcome === "delivered"
            ? encodeDeliveredObject(partition.records, this.settings)
            : encodePartitioningFailedObject(partition.records, { errorCode: PARTITIONING_FAILURE_CODES[partition.outcome], errorMessages: partition.errors ?? [], attemptEndingMs }, this.settings),
      }));
    }
    const body =
      intent.outcome === "delivered"
        ? encodeDeliveredObject(records, this.settings)
        : encodeProcessingFailedObject(records, { lambdaArn: this.settings.lambda?.arn ?? "", attemptsMade: this.settings.lambda?.attempts ?? 1, attemptEndingMs }, this.settings);
    return [{ key: intent.key, records, body, outcome: intent.outcome }];
  }

  /**
   * Writes the pending object(s); on success moves the checkpoint past them, on failure schedules a retry. With
   * several objects, a retry writes them all again under the same keys (overwriting, never duplicating).
   */
  private async attempt(delivered: DeliveredObject[]): Promise<boolean> {
    const { intent } = this.pending!;
    const objects = this.pendingObjects();
    for (const object of objects) {
      if (this.environment.mayPutObject?.(this.settings.bucket, object.key) === false) {
        this.failWith(ROLE_DENIALS.s3);
        return false;
      }
      try {
        await this.environment.s3.putObject(this.settings.bucket, object.key, object.body, { contentType: "application/octet-stream" });
      } catch (error) {
        this.fail(error);
        return false;
      }
    }
    const state = this.checkpoint.state;
    const next: CheckpointState =
      intent.kinesis !== undefined
        ? { shards: { ...state.shards, ...Object.fromEntries(intent.kinesis.map((segment) => [segment.shardId, segment.last])) }, deliveredLogSeq: state.deliveredLogSeq }
        : { shards: state.shards, deliveredLogSeq: intent.log?.last ?? state.deliveredLogSeq };
    try {
      await this.checkpoint.save(next);
    } catch (error) {
      // The object is written but the checkpoint does not say so: the retry writes it again under the same key.
      this.fail(error);
      return false;
    }
    this.pending = undefined;
    this.failure = undefined;
    for (const object of objects) {
      delivered.push({ bucket: this.settings.bucket, key: object.key, records: object.records.length, bytes: object.body.length, outcome: object.outcome });
      this.totals = { objects: this.totals.objects + 1, records: this.totals.records + object.records.length, bytes: this.totals.bytes + object.body.length, lastMs: this.environment.now() };
    }
    if (this.source.kind === "direct-put") {
      await this.source.log.release(next.deliveredLogSeq);
    }
    return true;
  }
}
