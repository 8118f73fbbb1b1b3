import { PRICES_AS_OF, US_EAST_1_PRICES } from "@gpu-stream/shared";

/**
 * What one fidelity run makes and uses on AWS, counted generously: the suite files' streams, records, requests,
 * crawls and queries. Keep in step with the awsFidelity/*.test.ts files.
 */
export const SUITE_USAGE = {
  /** awsFidelity.kinesis and awsFidelity.pipeline: one provisioned shard each, for minutes. */
  shardStreams: 2,
  /** PutRecord and PutRecords calls of a few hundred bytes: one 25 KB payload unit each. */
  putPayloadUnits: 200,
  /** Records through Firehose, each billed as 5 KB. */
  firehoseRecords: 50,
  /** PUT, COPY, POST and LIST requests (objects written, listings, bucket calls, the sweep's). */
  s3WriteRequests: 500,
  /** GET and HEAD requests (objects read back, Athena's reads, polling). */
  s3ReadRequests: 2_000,
  crawlerRuns: 1,
  /** DPUs a small crawl is billed at: Glue picks the number, so this is a guess on the high side. */
  crawlerDpus: 2,
  /** SELECTs that scan data, each billed at Athena's 10 MB minimum (DDL, refused and failed queries are free). */
  athenaScanningQueries: 4,
} as const;

/**
 * S3 Standard request prices in us-east-1 (https://aws.amazon.com/s3/pricing/, "Requests & data retrievals"),
 * read on the same day as US_EAST_1_PRICES.
 */
const S3_REQUEST_PRICES = { writePerThousand: 0.005, readPerThousand: 0.0004 } as const;

export interface SuiteCostLine {
  readonly service: string;
  /** How the amount is reckoned, in words. */
  readonly basis: string;
  readonly usd: number;
}

export interface SuiteCostEstimate {
  readonly lines: readonly SuiteCostLine[];
  readonly totalUsd: number;
}

const GB = 1024 * 1024 * 1024;

/** The run's cost at us-east-1 list prices, each item rounded up (a full shard-hour per stream, minimum-billed crawls and queries). */
export function estimateSuiteCost(usage: typeof SUITE_USAGE = SUITE_USAGE): SuiteCostEstimate {
  const { kinesis, firehose, glue, athena } = US_EAST_1_PRICES;
  const lines: SuiteCostLine[] = [
    {
      service: "Kinesis",
      basis: `${usage.shardStreams} streams × 1 shard × 1 shard-hour at $${kinesis.provisionedShardHour} (https://aws.amazon.com/kinesis/data-streams/pricing/), ${usage.putPayloadUnits} PUT payload units`,
      usd: usage.shardStreams * kinesis.provisionedShardHour + (usage.putPayloadUnits / 1_000_000) * kinesis.putPayloadUnitsPerMillion,
    },
    {
      service: "Firehose",
      basis: `${usage.firehoseRecords} records × 5 KB at $${firehose.ingestedPerGb}/GB (https://aws.amazon.com/firehose/pricing/)`,
      usd: ((usage.firehoseRecords * 5 * 1024) / GB) * firehose.ingestedPerGb,
    },
    {
      service: "S3",
      basis: `${usage.s3WriteRequests} PUT/LIST at $${S3_REQUEST_PRICES.writePerThousand}/1,000, ${usage.s3ReadRequests} GET at $${S3_REQUEST_PRICES.readPerThousand}/1,000, a few KB stored for minutes (https://aws.amazon.com/s3/pricing/)`,
      usd: (usage.s3WriteRequests / 1000) * S3_REQUEST_PRICES.writePerThousand + (usage.s3ReadRequests / 1000) * S3_REQUEST_PRICES.readPerThousand,
    },
    {
      service: "Glue",
      basis: `${usage.crawlerRuns} crawl × ${usage.crawlerDpus} DPUs × the ${glue.crawlerMinimumMinutes}-minute minimum at $${glue.crawlerDpuHour}/DPU-hour (https://aws.amazon.com/glue/pricing/); the catalog's first million objects are free`,
      usd: (usage.crawlerRuns * usage.crawlerDpus * glue.crawlerMinimumMinutes * glue.crawlerDpuHour) / 60,
    },
    {
      service: "Athena",
      basis: `${usage.athenaScanningQueries} queries × the ${athena.minimumMbPerQuery} MB minimum at $${athena.perTbScanned}/TB (https://aws.amazon.com/athena/pricing/)`,
      usd: (usage.athenaScanningQueries * athena.minimumMbPerQuery * athena.perTbScanned) / 1_000_000,
    },
    { service: "IAM, STS", basis: "roles, policies and GetCallerIdentity are free", usd: 0 },
  ];
  return { lines, totalUsd: lines.reduce((sum, line) => sum + line.usd, 0) };
}

/** The estimate as the runner prints it before asking to go on. */
export function formatSuiteCost(estimate: SuiteCostEstimate, region: string): string {
  const width = Math.max(...estimate.lines.map((line) => line.service.length));
  return [
    `Estimated cost of this run: about $${estimate.totalUsd.toFixed(2)} (us-east-1 list prices as published on aws.amazon.com on ${PRICES_AS_OF}; ${region === "us-east-1" ? "" : `${region} differs a little; `}each item rounded up)`,
    ...estimate.lines.map((line) => `  ${line.service.padEnd(width)}  $${line.usd.toFixed(4)}  ${line.basis}`),
  ].join("\n");
}
