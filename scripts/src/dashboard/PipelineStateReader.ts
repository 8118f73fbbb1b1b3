import type { AwsClients, PipelineNames } from "@gpu-stream/shared";
import { athenaSection } from "./athenaSection";
import { bucketSection } from "./bucketSection";
import { crawlerSection } from "./crawlerSection";
import { firehoseSection } from "./firehoseSection";
import { localFiles } from "./localFiles";
import type { ConsumerStats, PipelineState } from "./page/dashboardWire";
import { QueryRowCounts } from "./QueryRowCounts";
import { refusalAdvice } from "./signatureRefusal";
import { streamSection } from "./streamSection";

export interface PipelineStateSources {
  readonly clients: Pick<AwsClients, "kinesis" | "firehose" | "s3" | "glue" | "athena" | "target">;
  readonly names: PipelineNames;
  /** Local mode: the emulator, whose Firehose tells what it buffers. */
  readonly emulatorUrl?: string;
  /** Where the run's CSV and report are (npm start's --out, default data/). */
  readonly filesDir?: string;
  readonly consumerStats: () => ConsumerStats;
}

/** How long a snapshot is served again: several open pages, or a fast poller, cost AWS no more calls. */
const FRESH_MS = 900;

/**
 * The pipeline's state, one snapshot at a time, built with read-only calls only (Describe, List, Get,
 * BatchGet). A resource that does not exist yet is reported as such, never as an error.
 */
export class PipelineStateReader {
  private latest: { readonly atMs: number; readonly state: Promise<PipelineState> } | undefined;
  private readonly rows: QueryRowCounts;

  constructor(private readonly sources: PipelineStateSources) {
    this.rows = new QueryRowCounts(sources.clients.athena, sources.clients.s3, sources.names.bucket);
  }

  read(): Promise<PipelineState> {
    const now = Date.now();
    if (this.latest === undefined || now - this.latest.atMs >= FRESH_MS) {
      const state = this.build();
      this.latest = { atMs: now, state };
      // A failed build is not kept: the next read tries again.
      state.catch(() => {
        if (this.latest?.state === state) {
          this.latest = undefined;
        }
      });
    }
    return this.latest.state;
  }

  private async build(): Promise<PipelineState> {
    const { clients, names } = this.sources;
    const [stream, firehose, s3, crawler, athena, files] = await Promise.all([
      streamSection(clients.kinesis, names.stream, this.sources.consumerStats()),
      firehoseSection(clients.firehose, names.deliveryStream, this.sources.emulatorUrl),
      bucketSection(clients.s3, names.bucket, names.dataPrefix, names.resultsPrefix),
      crawlerSection(clients.glue, names.crawler, names.database),
      athenaSection(clients.athena, this.rows, names.bucket),
      localFiles(this.sources.filesDir),
    ]);
    const refused = [stream, firehose, s3, crawler, athena].some((section) => section.status === "refused");
    return { takenAt: new Date().toISOString(), stream, firehose, s3, crawler, athena, files, ...(refused ? { refusal: await this.refusal() } : {}) };
  }

  private async refusal(): Promise<string> {
    const key = await this.sources.clients.kinesis.config.credentials().then(
      (credentials) => credentials.accessKeyId,
      () => undefined,
    );
    return refusalAdvice(this.sources.clients.target.mode, key);
  }
}
