import { createHash, randomBytes } from "node:crypto";
import { mkdir, readdir, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { DeliveryStreamStatus, FailureDescription, Tag } from "@aws-sdk/client-firehose";
import type { RoleAuthority } from "../iam/RoleAuthority";
import type { KinesisStreams } from "../kinesis/KinesisStreams";
import type { S3Objects } from "../s3/S3Objects";
import { DeliveryCheckpoint, type CheckpointState } from "./DeliveryCheckpoint";
import type { DeliveryStreamDefinition } from "./DeliveryStreamDefinition";
import { DeliveryStreamWorker, type FlushResult } from "./DeliveryStreamWorker";
import { deliverySettings, type DeliverySettings } from "./deliverySettings";
import { DirectPutLog } from "./DirectPutLog";
import { firehoseErrors } from "./firehoseErrors";
import { KinesisSourceReader } from "./KinesisSourceReader";
import { CorruptStateError, readStateJson } from "../../storage/readStateFile";
import { writeFileAtomic } from "../../storage/writeFileAtomic";
import { deliveryErrorReporter, type LogEventSink } from "./deliveryErrorLog";
import { logStreamArn, roleAccess, sourceReadable, type RoleAccess } from "./firehoseRole";

export interface DeliveryStream {
  readonly definition: DeliveryStreamDefinition;
  readonly settings: DeliverySettings;
  readonly worker: DeliveryStreamWorker;
}

export interface DeliveryStreamsOptions {
  /** Delay between attempts of a failed delivery; AWS retries S3 every 5 seconds. */
  readonly retryDelayMs: number;
  /** How long a new delivery stream stays CREATING (0: ACTIVE by the first DescribeDeliveryStream). */
  readonly createDelayMs: number;
  /** Injected fault (not AWS): the FailureDescription a delivery stream created now goes CREATING_FAILED with. */
  readonly creationFailure?: () => FailureDescription | undefined;
  /** Injected fault (not AWS): how long a delivery stream deleted now stays DELETING (0: gone at once). */
  readonly deletingForMs?: () => number;
  /** CloudWatch Logs, where delivery errors go for delivery streams whose CloudWatchLoggingOptions enable it. */
  readonly logs?: LogEventSink;
}

const DEFINITION = "definition.json";
const CHECKPOINT = "checkpoint.json";
const TRANSIENT = /^\.(creating|deleted)-/;

/**
 * Folder of one delivery stream: its name (readable) and a hash of it, because names that differ only in case
 * are different delivery streams and must not share a folder on a case-insensitive disk. `.` and `..` are valid
 * names; the hash keeps them ordinary folder names.
 */
function folderName(name: string): string {
  return `${name}-${createHash("sha256").update(name).digest("hex").slice(0, 8)}`;
}

/**
 * Every delivery stream of the emulator, each in its own folder under the service's directory:
 * `definition.json` (what was created), `checkpoint.json` (how far delivery got) and, for DirectPut, the
 * record log. A folder appears whole (written aside, then renamed in) and disappears whole.
 */
export class DeliveryStreams {
  private readonly streams = new Map<string, DeliveryStream>();
  /** Names being created or deleted right now: a second request for them is refused, not raced. */
  private readonly busy = new Set<string>();
  /** Deleted delivery streams kept DELETING by an injected fault, until `untilMs`: described, their names taken. */
  private readonly deleting = new Map<string, { readonly stream: DeliveryStream; readonly untilMs: number }>();
  private readonly unsubscribe: () => void;
  private tagQueue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly directory: string,
    readonly kinesis: KinesisStreams,
    private readonly s3: S3Objects,
    /** The emulator's IAM, whose roles Firehose acts as; absent, everything is allowed. */
    readonly roles: RoleAuthority | undefined,
    readonly options: DeliveryStreamsOptions,
    private readonly now: () => number,
    private readonly log: (message: string) => void,
  ) {
    this.unsubscribe = kinesis.onAppend((streamName) => {
      for (const stream of this.streams.values()) {
        if (stream.definition.kinesisSource?.streamName === streamName) {
          stream.worker.notifySourceAppend();
        }
      }
    });
  }

  static async open(
    environment: { directory: string; now: () => number; log: (message: string) => void },
    dependencies: { kinesis: KinesisStreams; s3: S3Objects; roles?: RoleAuthority },
    options: DeliveryStreamsOptions,
  ): Promise<DeliveryStreams> {
    const streams = new DeliveryStreams(environment.directory, dependencies.kinesis, dependencies.s3, dependencies.roles, options, environment.now, environment.log);
    await mkdir(environment.directory, { recursive: true });
    for (const entry of await readdir(environment.directory, { withFileTypes: true })) {
      if (!entry.isDirectory()) {
        continue;
      }
      const folder = join(environment.directory, entry.name);
      if (TRANSIENT.test(entry.name)) {
        await rm(folder, { recursive: true, force: true });
        continue;
      }
      const definition = await readStateJson<DeliveryStreamDefinition>(join(folder, DEFINITION));
      if (definition === undefined) {
        // A folder is renamed in whole, definition included: one without it was damaged outside the emulator.
        throw new CorruptStateError(folder, `it has no ${DEFINITION}`);
      }
      await streams.openStream(folder, definition, { shards: {}, deliveredLogSeq: 0 });
    }
    return streams;
  }

  private async openStream(folder: string, definition: DeliveryStreamDefinition, initial: CheckpointState): Promise<DeliveryStream> {
    const settings = deliverySettings(definition.destination);
    const checkpoint = await DeliveryCheckpoint.open(join(folder, CHECKPOINT), initial);
    const destinationRole = roleAccess(this.roles, definition.destination.RoleARN!, definition.arn);
    const reportDeliveryError = deliveryErrorReporter(
      definition.destination.CloudWatchLoggingOptions,
      { arn: definition.arn, versionId: definition.versionId, bucket: settings.bucket },
      { sink: this.roleCheckedSink(destinationRole, definition.arn), now: this.now, log: this.log },
    );
    const source = definition.kinesisSource;
    const environment = {
      s3: this.s3,
      now: this.now,
      log: this.log,
      retryDelayMs: this.options.retryDelayMs,
      mayPutObject: (bucket: string, key: string) => destinationRole.allows("s3:PutObject", `arn:aws:s3:::${bucket}/${key}`),
      ...(source === undefined ? {} : { mayReadSource: sourceReadable(roleAccess(this.roles, source.roleArn, definition.arn), source.kinesisStreamArn) }),
      ...(reportDeliveryError === undefined ? {} : { reportDeliveryError }),
    };
    let worker: DeliveryStreamWorker;
    if (definition.kinesisSource !== undefined) {
      const reader = new KinesisSourceReader(this.kinesis, definition.kinesisSource.streamName, checkpoint.state.shards);
      worker = await DeliveryStreamWorker.open(definition, settings, checkpoint, { kind: "kinesis", reader }, [], environment);
    } else {
      const { log, undelivered } = await DirectPutLog.open(folder, checkpoint.state.deliveredLogSeq);
      worker = await DeliveryStreamWorker.open(definition, settings, checkpoint, { kind: "direct-put", log }, undelivered, environment);
    }
    const stream = { definition, settings, worker };
    this.streams.set(definition.name, stream);
    return stream;
  }

  /**
   * CloudWatch Logs as the role writes to it: an event is written only when the role may `logs:PutLogEvents` on the
   * log stream. When it may not, the event is dropped without a word, as on AWS, where nothing but the missing
   * events shows it ("Monitor Amazon Data Firehose Using CloudWatch Logs": "ensure that the associated IAM policy
   * has logs:PutLogEvents permission").
   */
  private roleCheckedSink(role: RoleAccess, deliveryStreamArn: string): LogEventSink | undefined {
    const sink = this.options.logs;
    if (sink === undefined) {
      return undefined;
    }
    return {
      putEvents: (groupName, streamName, events) => (role.allows("logs:PutLogEvents", logStreamArn(deliveryStreamArn, groupName, streamName)) ? sink.putEvents(groupName, streamName, events) : undefined),
    };
  }

  get(name: string): DeliveryStream | undefined {
    return this.streams.get(name);
  }

  /** The delivery stream, or ResourceNotFoundException as Firehose words it. */
  require(name: string, accountId: string): DeliveryStream {
    const stream = this.streams.get(name);
    if (stream === undefined) {
      throw firehoseErrors.notFound(name, accountId);
    }
    return stream;
  }

  all(): DeliveryStream[] {
    return [...this.streams.values()].sort((a, b) => (a.definition.name < b.definition.name ? -1 : a.definition.name > b.definition.name ? 1 : 0));
  }

  isCreating(definition: DeliveryStreamDefinition): boolean {
    return this.now() < definition.createdMs + this.options.createDelayMs;
  }

  /** A live delivery stream's status: CREATING for the configured delay, then ACTIVE, or CREATING_FAILED by an injected fault. */
  status(definition: DeliveryStreamDefinition): DeliveryStreamStatus {
    return this.isCreating(definition) ? "CREATING" : definition.failureDescription !== undefined ? "CREATING_FAILED" : "ACTIVE";
  }

  /** A deleted delivery stream still DELETING (only by an injected fault), if this name has one. */
  deletingStream(name: string): DeliveryStream | undefined {
    const entry = this.deleting.get(name);
    if (entry !== undefined && this.now() >= entry.untilMs) {
      this.deleting.delete(name);
      return undefined;
    }
    return entry?.stream;
  }

  /** The failure an injected fault gives a delivery stream created now, if any. */
  creationFailure(): FailureDescription | undefined {
    return this.options.creationFailure?.();
  }

  /**
   * Creates a delivery stream whose delivery starts at `initial` (for a Kinesis source, each shard's newest
   * record now: LATEST). Throws ResourceInUseException for a name that exists or is being created.
   */
  async create(definition: DeliveryStreamDefinition, initial: CheckpointState, accountId: string): Promise<void> {
    const name = definition.name;
    if (this.streams.has(name) || this.busy.has(name)) {
      throw firehoseErrors.alreadyExists(name, accountId);
    }
    if (this.deletingStream(name) !== undefined) {
      throw firehoseErrors.inUse(`Firehose ${name} under account ${accountId} is in DELETING state.`);
    }
    this.busy.add(name);
    try {
      const staging = join(this.directory, `.creating-${randomBytes(6).toString("hex")}`);
      await mkdir(staging);
      await writeFile(join(staging, CHECKPOINT), `${JSON.stringify(initial, null, 1)}\n`);
      await writeFile(join(staging, DEFINITION), `${JSON.stringify(definition, null, 1)}\n`);
      const folder = join(this.directory, folderName(name));
      await rename(staging, folder);
      await this.openStream(folder, definition, initial);
    } finally {
      this.busy.delete(name);
    }
  }

  /** Deletes a delivery stream; what it still buffers is delivered first if it can be. */
  async delete(name: string, accountId: string): Promise<void> {
    const stream = this.require(name, accountId);
    if (this.busy.has(name)) {
      throw firehoseErrors.inUse(`Firehose ${name} under account ${accountId} is being deleted.`);
    }
    this.busy.add(name);
    try {
      this.streams.delete(name);
      await stream.worker.close(true);
      const folder = join(this.directory, folderName(name));
      const doomed = join(this.directory, `.deleted-${randomBytes(6).toString("hex")}`);
      await rename(folder, doomed);
      await rm(doomed, { recursive: true, force: true });
      const deletingForMs = this.options.deletingForMs?.() ?? 0;
      if (deletingForMs > 0) {
        this.deleting.set(name, { stream, untilMs: this.now() + deletingForMs });
      }
    } finally {
      this.busy.delete(name);
    }
  }

  /** Changes a delivery stream's tags (definition.json is rewritten atomically), one change at a time. */
  updateTags(name: string, accountId: string, change: (tags: readonly Tag[]) => readonly Tag[]): Promise<void> {
    const result = this.tagQueue.then(async () => {
      const stream = this.require(name, accountId);
      const definition: DeliveryStreamDefinition = { ...stream.definition, tags: change(stream.definition.tags) };
      await writeFileAtomic(join(this.directory, folderName(name), DEFINITION), `${JSON.stringify(definition, null, 1)}\n`);
      if (this.streams.get(name) === stream) {
        this.streams.set(name, { ...stream, definition });
      }
    });
    this.tagQueue = result.catch(() => undefined);
    return result;
  }

  /** Delivers every buffer of one delivery stream (or all) now. */
  async flush(name: string | undefined, accountId: string): Promise<FlushResult[]> {
    const targets = name === undefined ? this.all() : [this.require(name, accountId)];
    return Promise.all(targets.map((stream) => stream.worker.flush()));
  }

  /** Stops every timer and closes every file; with `flush`, delivers what is buffered first. */
  async close(flush: boolean): Promise<void> {
    this.unsubscribe();
    await Promise.all([...this.streams.values()].map((stream) => stream.worker.close(flush)));
    this.streams.clear();
  }
}
