import type { StreamMode } from "../provision/provisionPipeline";

/**
 * Published on-demand prices for us-east-1 (USD), as listed on aws.amazon.com/<service>/pricing; recorded on
 * PRICES_AS_OF. Prices change and differ by region: treat the estimate as an order of magnitude, and the pricing
 * pages (or the AWS Pricing Calculator) as the truth.
 */
export const PRICES_AS_OF = "2026-11-28";

export const US_EAST_1_PRICES = {
  kinesis: {
    /** Provisioned mode: per shard, every hour the stream exists, used or not. */
    provisionedShardHour: 0.015,
    /** Provisioned mode: per million PUT payload units; a unit is 25 KB of one record, so a 1 KB record is one unit. */
    putPayloadUnitsPerMillion: 0.014,
    /** On-demand mode: per stream, every hour it exists, used or not, however many shards Kinesis gives it. */
    onDemandStreamHour: 0.04,
    /** On-demand mode: per GB written; each record is rounded up to 1 KB. */
    onDemandDataInPerGb: 0.08,
    /** On-demand mode: per GB read (Firehose reading the stream counts). */
    onDemandDataOutPerGb: 0.04,
  },
  firehose: {
    /** Per GB ingested, no hourly charge; each record is rounded up to 5 KB, so small records bill as 5 KB. */
    ingestedPerGb: 0.029,
  },
  s3: {
    /** S3 Standard, per GB-month stored (the first 50 TB tier). Requests bill too, fractions of a cent here. */
    storagePerGbMonth: 0.023,
  },
  glue: {
    /** Per DPU-hour of a crawler run, billed per second with a 10-minute minimum per run. */
    crawlerDpuHour: 0.44,
    crawlerMinimumMinutes: 10,
  },
  logs: {
    /** CloudWatch Logs, standard class (aws.amazon.com/cloudwatch/pricing): per GB ingested, and per GB-month kept. */
    ingestedPerGb: 0.5,
    storagePerGbMonth: 0.03,
  },
  athena: {
    /** Per TB of data scanned, rounded up to the MB, with a 10 MB minimum per query. DDL and failed queries are free. */
    perTbScanned: 5,
    minimumMbPerQuery: 10,
  },
} as const;

export type CostBilling = "hourly" | "per use" | "free";

export interface CostLine {
  readonly service: string;
  readonly billing: CostBilling;
  /** The price in words, e.g. "1 shard × $0.015 per shard-hour". */
  readonly price: string;
  /** Hourly lines: dollars per hour while the resource exists. 0 for the others. */
  readonly usdPerHour: number;
  /** Per-use lines with a minimum charge: the least one use costs (a crawler run, an Athena query). */
  readonly minimumUsdPerUse?: number;
}

export interface CostEstimate {
  readonly region: string;
  readonly streamMode: StreamMode;
  readonly shardCount: number;
  readonly pricesAsOf: string;
  readonly lines: readonly CostLine[];
  /** What bills every hour while the resources exist, whatever is sent: the data stream. */
  readonly usdPerHour: number;
  readonly usdPerDay: number;
  /** 730 hours, AWS's month. */
  readonly usdPerMonth: number;
  /** Set when `region` is not us-east-1, whose prices these are. */
  readonly regionNote?: string;
}

export interface CostEstimateInput {
  readonly streamMode: StreamMode;
  /** PROVISIONED: the shards billed per hour. Ignored for ON_DEMAND (billed per stream). */
  readonly shardCount?: number;
  readonly region: string;
}

const HOURS_PER_MONTH = 730;
const MB_PER_TB = 1_000_000;

function usd(amount: number): string {
  return `$${Number(amount.toPrecision(6))}`;
}

/** What the pipeline costs on AWS: by the hour while it exists (the stream), and per use (everything else). */
export function estimateHourlyCost(input: CostEstimateInput): CostEstimate {
  const { kinesis, firehose, s3, glue, logs, athena } = US_EAST_1_PRICES;
  const shardCount = input.shardCount ?? 1;
  if (input.streamMode === "PROVISIONED" && (!Number.isInteger(shardCount) || shardCount < 1)) {
    throw new RangeError(`a provisioned stream has a whole number of shards, at least 1, not ${shardCount}`);
  }
  const stream: CostLine[] =
    input.streamMode === "PROVISIONED"
      ? [
          {
            service: "Kinesis data stream",
            billing: "hourly",
            price: `${shardCount} shard${shardCount === 1 ? "" : "s"} × ${usd(kinesis.provisionedShardHour)} per shard-hour (provisioned)`,
            usdPerHour: shardCount * kinesis.provisionedShardHour,
          },
          { service: "Kinesis data stream", billing: "per use", price: `${usd(kinesis.putPayloadUnitsPerMillion)} per million PUT payload units (25 KB each)`, usdPerHour: 0 },
        ]
      : [
          { service: "Kinesis data stream", billing: "hourly", price: `${usd(kinesis.onDemandStreamHour)} per stream-hour (on-demand)`, usdPerHour: kinesis.onDemandStreamHour },
          {
            service: "Kinesis data stream",
            billing: "per use",
            price: `${usd(kinesis.onDemandDataInPerGb)} per GB written (records rounded up to 1 KB), ${usd(kinesis.onDemandDataOutPerGb)} per GB read`,
            usdPerHour: 0,
          },
        ];
  const lines: CostLine[] = [
    ...stream,
    { service: "Firehose", billing: "per use", price: `${usd(firehose.ingestedPerGb)} per GB ingested (records rounded up to 5 KB)`, usdPerHour: 0 },
    { service: "S3", billing: "per use", price: `${usd(s3.storagePerGbMonth)} per GB-month stored`, usdPerHour: 0 },
    {
      service: "Glue crawler",
      billing: "per use",
      price: `${usd(glue.crawlerDpuHour)} per DPU-hour (Glue picks the DPUs), per second, ${glue.crawlerMinimumMinutes}-minute minimum per run`,
      usdPerHour: 0,
      // A run uses at least one DPU for at least the minimum.
      minimumUsdPerUse: (glue.crawlerDpuHour * glue.crawlerMinimumMinutes) / 60,
    },
    {
      service: "CloudWatch Logs",
      billing: "per use",
      price: `${usd(logs.ingestedPerGb)} per GB ingested, ${usd(logs.storagePerGbMonth)} per GB-month (Firehose's error events only, kept 1 day)`,
      usdPerHour: 0,
    },
    {
      service: "Athena",
      billing: "per use",
      price: `${usd(athena.perTbScanned)} per TB scanned, ${athena.minimumMbPerQuery} MB minimum per query`,
      usdPerHour: 0,
      minimumUsdPerUse: (athena.perTbScanned * athena.minimumMbPerQuery) / MB_PER_TB,
    },
    { service: "IAM", billing: "free", price: "roles and policies cost nothing", usdPerHour: 0 },
  ];
  const usdPerHour = lines.reduce((sum, line) => sum + line.usdPerHour, 0);
  return {
    region: input.region,
    streamMode: input.streamMode,
    shardCount: input.streamMode === "PROVISIONED" ? shardCount : 0,
    pricesAsOf: PRICES_AS_OF,
    lines,
    usdPerHour,
    usdPerDay: usdPerHour * 24,
    usdPerMonth: usdPerHour * HOURS_PER_MONTH,
    ...(input.region === "us-east-1"
      ? {}
      : { regionNote: `These are us-east-1 prices; ${input.region} differs (see aws.amazon.com/<service>/pricing or the AWS Pricing Calculator).` }),
  };
}

function money(amount: number, digits: number): string {
  return `$${amount.toFixed(digits)}`;
}

/** A short table: what bills per hour while the resources exist, what bills per use, what is free. */
export function formatCostEstimate(estimate: CostEstimate): string {
  const width = Math.max(...estimate.lines.map((line) => line.service.length), "Total".length);
  const row = (service: string, text: string): string => `  ${service.padEnd(width)}  ${text}`;
  const section = (billing: CostBilling): string[] =>
    estimate.lines
      .filter((line) => line.billing === billing)
      .map((line) =>
        row(
          line.service,
          billing === "hourly"
            ? `${line.price} = ${money(line.usdPerHour, 4)}/hour`
            : `${line.price}${line.minimumUsdPerUse === undefined ? "" : ` (at least ${money(line.minimumUsdPerUse, line.minimumUsdPerUse < 0.01 ? 5 : 4)} each)`}`,
        ),
      );
  return [
    `Estimated AWS cost in ${estimate.region} (us-east-1 prices as listed on aws.amazon.com on ${estimate.pricesAsOf}; other regions differ)`,
    ...(estimate.regionNote === undefined ? [] : [estimate.regionNote]),
    "Bills every hour while it exists, used or not:",
    ...section("hourly"),
    row("Total", `${money(estimate.usdPerHour, 4)}/hour ≈ ${money(estimate.usdPerDay, 2)}/day ≈ ${money(estimate.usdPerMonth, 2)}/month`),
    "Bills per use:",
    ...section("per use"),
    "Free:",
    ...section("free"),
    "Teardown deletes the stream; after it nothing bills by the hour (only what the bucket stores, if kept).",
  ].join("\n");
}
