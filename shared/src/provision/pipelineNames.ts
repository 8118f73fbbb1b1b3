/** Names the course uses. */
export const COURSE_NAMES = {
  stream: "gpucontrole",
  deliveryStream: "gpucontrole-to-s3",
} as const;

/** The emulator's account: it checks no IAM, so the role ARNs only have to be well formed. */
export const LOCAL_ACCOUNT_ID = "000000000000";

/** Every AWS resource the exercise creates, by name. Set-up creates them, teardown deletes them. */
export interface PipelineNames {
  readonly accountId: string;
  readonly region: string;
  /** Firehose writes the telemetry here, under `dataPrefix`; Athena writes results under `resultsPrefix`. */
  readonly bucket: string;
  /** `telemetry/`: the crawler crawls this folder, so the table is named `telemetry` and Athena's results stay out of it. */
  readonly dataPrefix: string;
  readonly resultsPrefix: string;
  readonly stream: string;
  readonly deliveryStream: string;
  readonly database: string;
  readonly crawler: string;
  /** The table the crawler makes: Glue names it after the crawled folder. */
  readonly table: string;
  /** The IAM roles Firehose and the crawler assume (created only on AWS; the emulator accepts any ARN). */
  readonly firehoseRole: string;
  readonly crawlerRole: string;
  /** The sidebar of notebook 02: a second delivery stream without the newline delimiter, its folder, crawler and table. */
  readonly sidebar: {
    readonly deliveryStream: string;
    readonly dataPrefix: string;
    readonly crawler: string;
    readonly table: string;
  };
  /**
   * Notebook 00's resharding sidebar: a stream of its own and a delivery stream from it into `dataPrefix`
   * (the notebook deletes them; teardown too, should a run stop half way).
   */
  readonly reshardDemo: {
    readonly stream: string;
    readonly deliveryStream: string;
    readonly dataPrefix: string;
  };
}

function names(accountId: string, region: string, bucket: string): PipelineNames {
  return {
    accountId,
    region,
    bucket,
    dataPrefix: "telemetry/",
    resultsPrefix: "athena-results/",
    stream: COURSE_NAMES.stream,
    deliveryStream: COURSE_NAMES.deliveryStream,
    database: "gpu_stream",
    crawler: "gpu-stream-crawler",
    table: "telemetry",
    firehoseRole: "gpu-stream-firehose",
    crawlerRole: "gpu-stream-glue-crawler",
    sidebar: {
      deliveryStream: `${COURSE_NAMES.deliveryStream}-no-newline`,
      dataPrefix: "no-newline/",
      crawler: "gpu-stream-no-newline-crawler",
      table: "no_newline",
    },
    reshardDemo: {
      stream: `${COURSE_NAMES.stream}-reshard-demo`,
      deliveryStream: `${COURSE_NAMES.deliveryStream}-reshard-demo`,
      dataPrefix: "reshard-demo/",
    },
  };
}

/** On the emulator bucket names are this machine's own, so a fixed one does. */
export function localPipelineNames(region = "us-east-1"): PipelineNames {
  return names(LOCAL_ACCOUNT_ID, region, "gpu-stream-telemetry");
}

/** On AWS a bucket name is global: the account and region make it this user's own. */
export function awsPipelineNames(accountId: string, region: string): PipelineNames {
  if (!/^\d{12}$/.test(accountId)) {
    throw new Error(`an AWS account id is 12 digits, not '${accountId}'`);
  }
  return names(accountId, region, `gpu-stream-${accountId}-${region}`);
}

export function roleArn(names: PipelineNames, role: string): string {
  return `arn:aws:iam::${names.accountId}:role/${role}`;
}

export function s3Uri(bucket: string, prefix = ""): string {
  return `s3://${bucket}/${prefix}`;
}
