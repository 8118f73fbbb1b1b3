/**
 * What the dashboard server sends its page: the configuration embedded in the HTML, the JSON of
 * `GET /api/state`, and the events of `GET /api/events`. Types only: the server and the page both import them.
 */

export interface MetricConfig {
  /** The record's `tipo`. */
  readonly metric: string;
  readonly unit: string;
  readonly description: string;
  readonly color: string;
}

export interface DashboardConfig {
  readonly mode: "local" | "aws";
  /** Where the dashboard reads from, in one line. */
  readonly target: string;
  readonly names: {
    readonly stream: string;
    readonly deliveryStream: string;
    readonly bucket: string;
    readonly dataPrefix: string;
    readonly resultsPrefix: string;
    readonly database: string;
    readonly crawler: string;
  };
  readonly metrics: readonly MetricConfig[];
  /** How often the dashboard's reader calls GetRecords on each shard. */
  readonly readPollMs: number;
  /** Points kept per chart (a rolling window). */
  readonly windowPoints: number;
  readonly statePollMs: number;
}

/** One record read from the stream: one point of one chart. */
export interface TelemetryPoint {
  readonly metric: string;
  /** The record's timestamp, UTC `YYYY-MM-DD HH:MM:SS.ffffff` (Plotly reads it as a date). */
  readonly t: string;
  readonly v: number;
  readonly gpu?: string;
}

export interface ConsumerStats {
  /** `reading`, `waiting for the stream`, `error` */
  readonly status: "reading" | "waiting" | "error";
  readonly message?: string;
  readonly shardsRead: number;
  /** Records read per second, over the last few seconds. */
  readonly recordsPerSecond: number;
  /** Records read since the dashboard started. */
  readonly recordsRead: number;
  /** Records that were not telemetry records (not JSON, or not the record's shape). */
  readonly unreadable: number;
  readonly millisBehindLatest?: number;
  readonly lastReadAt?: string;
}

/** `event: points`: new points, and the consumer's figures. `event: snapshot`: the recent window on connecting. */
export interface PointsEvent {
  readonly points: readonly TelemetryPoint[];
  readonly stats: ConsumerStats;
}

/** A part of the state: its facts, or why there are none (`refused`: the service did not accept the dashboard's key or signature). */
export type Section<T> =
  | ({ readonly status: "ok" } & T)
  | { readonly status: "missing"; readonly message: string }
  | { readonly status: "refused"; readonly message: string }
  | { readonly status: "error"; readonly message: string };

export interface StreamState {
  readonly streamStatus: string;
  readonly capacityMode: string;
  readonly openShards: number;
  readonly shardIds: readonly string[];
  readonly retentionHours: number;
  readonly consumer: ConsumerStats;
}

export interface FirehoseBufferFigures {
  readonly bufferedRecords: number;
  readonly bufferedBytes: number;
  readonly nextDelivery?: string;
  readonly objectsDelivered: number;
  readonly recordsDelivered: number;
  readonly lastDelivery?: string;
  readonly error?: string;
}

export interface FirehoseState {
  readonly deliveryStreamStatus: string;
  readonly source: string;
  readonly destination: string;
  readonly bufferSizeMB?: number;
  readonly bufferIntervalSeconds?: number;
  readonly newlineDelimited: boolean;
  readonly compression: string;
  /** Undefined where the service does not expose it (AWS); the emulator does. */
  readonly buffer?: FirehoseBufferFigures;
  readonly bufferNote: string;
}

export interface ObjectLink {
  readonly key: string;
  readonly bytes: number;
  readonly lastModified: string;
  /** This dashboard's read-only link to the object. */
  readonly href: string;
}

export interface BucketState {
  readonly bucket: string;
  readonly dataPrefix: string;
  readonly objects: number;
  readonly bytes: number;
  /** The listing stopped at its cap: the figures are lower bounds. */
  readonly truncated: boolean;
  readonly lastDelivery?: string;
  readonly newest: readonly ObjectLink[];
  readonly latestResultCsv?: ObjectLink;
}

export interface CrawlerTable {
  readonly name: string;
  readonly columns: number;
  readonly partitionKeys: number;
  readonly location?: string;
  readonly updated?: string;
}

export interface CrawlerState {
  readonly crawler: string;
  readonly state: string;
  readonly lastCrawl?: { readonly status: string; readonly started?: string; readonly message?: string };
  readonly database: string;
  readonly tables: readonly CrawlerTable[];
}

export interface QuerySummary {
  readonly id: string;
  readonly state: string;
  readonly statementType?: string;
  /** The SQL's first characters, on one line. */
  readonly query: string;
  readonly submitted?: string;
  readonly runtimeMs?: number;
  readonly dataScannedBytes?: number;
  /** Rows of the result, where known (AWS's runtime statistics, else the result CSV's rows). */
  readonly rows?: number;
  readonly error?: string;
  readonly resultHref?: string;
}

export interface AthenaState {
  readonly workGroup: string;
  readonly queries: readonly QuerySummary[];
}

export interface LocalFile {
  readonly name: string;
  readonly description: string;
  readonly href: string;
  readonly bytes: number;
  readonly modified: string;
}

export interface PipelineState {
  readonly takenAt: string;
  readonly stream: Section<StreamState>;
  readonly firehose: Section<FirehoseState>;
  readonly s3: Section<BucketState>;
  readonly crawler: Section<CrawlerState>;
  readonly athena: Section<AthenaState>;
  /** The run's CSV and report on this machine, when there are any. */
  readonly files: readonly LocalFile[];
  /** When a section is `refused`: why, and how to give the dashboard credentials that work. */
  readonly refusal?: string;
}
