import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFile, execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { useTestEmulator, type TestEmulator } from "../../support/testEmulator";

const run = promisify(execFile);

function installed(command: string, args: string[]): boolean {
  return versionOf(command, args) !== undefined;
}

function versionOf(command: string, args: string[]): string | undefined {
  try {
    return execFileSync(command, args, { stdio: ["ignore", "pipe", "pipe"], encoding: "utf8" });
  } catch {
    return undefined;
  }
}

// CI installs Debian's awscli (v2.9) and python3-boto3; both predate AWS_ENDPOINT_URL, hence --endpoint-url.
const AWS_CLI = ["/usr/bin/aws", "aws"].find((command) => installed(command, ["--version"]));
// v2 reads blob arguments as base64 unless told otherwise; v1 takes them raw.
const RAW_BLOBS = /^aws-cli\/1\./.test(versionOf(AWS_CLI ?? "aws", ["--version"]) ?? "") ? [] : ["--cli-binary-format", "raw-in-base64-out"];
const BOTO3_PYTHON = ["/usr/bin/python3", "python3"].find((python) => installed(python, ["-c", "import boto3"]));

/** The AWS CLI with throwaway credentials and no user config, so nothing on this machine changes what it does. */
async function aws(emulator: TestEmulator, home: string, ...args: string[]): Promise<string> {
  const { stdout } = await run(AWS_CLI!, ["--endpoint-url", emulator.emulator.url, "--output", "json", ...args], {
    env: {
      PATH: process.env["PATH"],
      HOME: home,
      AWS_ACCESS_KEY_ID: "test",
      AWS_SECRET_ACCESS_KEY: "test",
      AWS_DEFAULT_REGION: "us-east-1",
      AWS_CONFIG_FILE: join(home, "config"),
      AWS_SHARED_CREDENTIALS_FILE: join(home, "credentials"),
      AWS_PAGER: "",
    },
    maxBuffer: 64 * 1024 * 1024,
  });
  return stdout;
}

describe("the AWS CLI against the emulator", { skip: AWS_CLI !== undefined ? false : "the AWS CLI is not installed (CI installs Debian's awscli)" }, () => {
  let emulator: TestEmulator;
  let home: string;

  useTestEmulator(async (started) => {
    emulator = started;
    home = await mkdtemp(join(tmpdir(), "gpu-stream-awscli-"));
  });

  test("creates a stream, puts records and gets them back", async () => {
    await aws(emulator, home, "kinesis", "create-stream", "--stream-name", "gpucontrole", "--shard-count", "2");
    const summary = JSON.parse(await aws(emulator, home, "kinesis", "describe-stream-summary", "--stream-name", "gpucontrole"));
    assert.equal(summary.StreamDescriptionSummary.StreamStatus, "ACTIVE");
    assert.equal(summary.StreamDescriptionSummary.OpenShardCount, 2);
    const put = JSON.parse(
      await aws(emulator, home, "kinesis", "put-records", ...RAW_BLOBS, "--stream-name", "gpucontrole", "--records",
        JSON.stringify([{ Data: '{"tipo":"Uso","dado":"1"}', PartitionKey: "gpu-0" }, { Data: '{"tipo":"Uso","dado":"2"}', PartitionKey: "gpu-0" }])),
    );
    assert.equal(put.FailedRecordCount, 0);
    const shardId = put.Records[0].ShardId as string;
    const iterator = JSON.parse(await aws(emulator, home, "kinesis", "get-shard-iterator", "--stream-name", "gpucontrole", "--shard-id", shardId, "--shard-iterator-type", "TRIM_HORIZON"));
    const records = JSON.parse(await aws(emulator, home, "kinesis", "get-records", "--shard-iterator", iterator.ShardIterator));
    const data = (records.Records as { Data: string }[]).map((record) => Buffer.from(record.Data, "base64").toString("utf8"));
    assert.deepEqual(data, ['{"tipo":"Uso","dado":"1"}', '{"tipo":"Uso","dado":"2"}']);
  });

  test("copies a 10 MB file in and out of a bucket (multipart) and lists it", async () => {
    const file = join(home, "big.bin");
    const bytes = randomBytes(10 * 1024 * 1024);
    await writeFile(file, bytes);
    await aws(emulator, home, "s3", "mb", "s3://gpu-stream-cli");
    await aws(emulator, home, "s3", "cp", file, "s3://gpu-stream-cli/in/big.bin");
    const listing = await aws(emulator, home, "s3", "ls", "s3://gpu-stream-cli/in/");
    assert.match(listing, /10485760 big\.bin/);
    const copy = join(home, "copy.bin");
    await aws(emulator, home, "s3", "cp", "s3://gpu-stream-cli/in/big.bin", copy);
    assert.ok(bytes.equals(await readFile(copy)));
    const head = JSON.parse(await aws(emulator, home, "s3api", "head-object", "--bucket", "gpu-stream-cli", "--key", "in/big.bin"));
    assert.match(head.ETag, /^"[0-9a-f]{32}-2"$/);
  });

  test("creates a Firehose delivery stream from the Kinesis stream that delivers to S3", async () => {
    await aws(emulator, home, "s3", "mb", "s3://gpu-stream-firehose");
    const streamArn = JSON.parse(await aws(emulator, home, "kinesis", "describe-stream-summary", "--stream-name", "gpucontrole")).StreamDescriptionSummary.StreamARN as string;
    await aws(emulator, home, "firehose", "create-delivery-stream", "--delivery-stream-name", "gpu-to-s3", "--delivery-stream-type", "KinesisStreamAsSource",
      "--kinesis-stream-source-configuration", `KinesisStreamARN=${streamArn},RoleARN=arn:aws:iam::000000000000:role/firehose`,
      "--extended-s3-destination-configuration", JSON.stringify({
        RoleARN: "arn:aws:iam::000000000000:role/firehose",
        BucketARN: "arn:aws:s3:::gpu-stream-firehose",
        BufferingHints: { IntervalInSeconds: 60, SizeInMBs: 1 },
        ProcessingConfiguration: { Enabled: true, Processors: [{ Type: "AppendDelimiterToRecord" }] },
      }));
    const described = JSON.parse(await aws(emulator, home, "firehose", "describe-delivery-stream", "--delivery-stream-name", "gpu-to-s3"));
    assert.equal(described.DeliveryStreamDescription.DeliveryStreamStatus, "ACTIVE");
    await aws(emulator, home, "kinesis", "put-record", ...RAW_BLOBS, "--stream-name", "gpucontrole", "--partition-key", "gpu-0", "--data", '{"tipo":"energia"}');
    await fetch(`${emulator.emulator.url}/_emulator/firehose/flush`, { method: "POST" });
    const listing = await aws(emulator, home, "s3", "ls", "--recursive", "s3://gpu-stream-firehose/");
    assert.match(listing, /\d{4}\/\d{2}\/\d{2}\/\d{2}\/gpu-to-s3-1-\d{4}-\d{2}-\d{2}-\d{2}-\d{2}-\d{2}-[0-9a-f-]{36}/);
  });

  test("crawls what Firehose delivered with Glue and queries it with Athena", async () => {
    await aws(emulator, home, "glue", "create-database", "--database-input", "Name=gpu_stream");
    await aws(emulator, home, "glue", "create-crawler", "--name", "gpu-crawler", "--role", "arn:aws:iam::000000000000:role/glue",
      "--database-name", "gpu_stream", "--targets", JSON.stringify({ S3Targets: [{ Path: "s3://gpu-stream-firehose/" }] }));
    await aws(emulator, home, "glue", "start-crawler", "--name", "gpu-crawler");
    let state = "RUNNING";
    for (let poll = 0; poll < 100 && state !== "READY"; poll += 1) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      state = JSON.parse(await aws(emulator, home, "glue", "get-crawler", "--name", "gpu-crawler")).Crawler.State as string;
    }
    assert.equal(state, "READY");
    const tables = JSON.parse(await aws(emulator, home, "glue", "get-tables", "--database-name", "gpu_stream")).TableList as { Name: string }[];
    assert.deepEqual(tables.map((table) => table.Name), ["gpu_stream_firehose"]);

    await aws(emulator, home, "s3", "mb", "s3://gpu-stream-athena");
    const { QueryExecutionId: id } = JSON.parse(await aws(emulator, home, "athena", "start-query-execution",
      "--query-string", 'select "tipo", count(*) as "records" from "gpu_stream_firehose" group by "tipo"',
      "--query-execution-context", "Database=gpu_stream", "--result-configuration", "OutputLocation=s3://gpu-stream-athena/results/"));
    let query = "QUEUED";
    for (let poll = 0; poll < 100 && (query === "QUEUED" || query === "RUNNING"); poll += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      query = JSON.parse(await aws(emulator, home, "athena", "get-query-execution", "--query-execution-id", id)).QueryExecution.Status.State as string;
    }
    assert.equal(query, "SUCCEEDED");
    const results = JSON.parse(await aws(emulator, home, "athena", "get-query-results", "--query-execution-id", id));
    const rows = (results.ResultSet.Rows as { Data: { VarCharValue?: string }[] }[]).map((row) => row.Data.map((cell) => cell.VarCharValue));
    assert.deepEqual(rows, [["tipo", "records"], ["energia", "1"]]);
  });
});

describe("boto3 against the emulator", { skip: BOTO3_PYTHON === undefined ? "boto3 is not installed (CI installs Debian's python3-boto3)" : false }, () => {
  let emulator: TestEmulator;

  useTestEmulator((started) => {
    emulator = started;
  });

  test("puts and gets a Kinesis record and an S3 object", async () => {
    const script = `
import boto3, json, sys
from botocore.config import Config
endpoint = sys.argv[1]
session = boto3.session.Session(aws_access_key_id="test", aws_secret_access_key="test", region_name="us-east-1")
kinesis = session.client("kinesis", endpoint_url=endpoint)
kinesis.create_stream(StreamName="boto", ShardCount=1)
put = kinesis.put_record(StreamName="boto", Data=b'{"tipo":"Uso"}', PartitionKey="gpu-0")
iterator = kinesis.get_shard_iterator(StreamName="boto", ShardId=put["ShardId"], ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
records = kinesis.get_records(ShardIterator=iterator)["Records"]
s3 = session.client("s3", endpoint_url=endpoint, config=Config(s3={"addressing_style": "path"}))
s3.create_bucket(Bucket="boto-bucket")
s3.put_object(Bucket="boto-bucket", Key="a/b.json", Body=b"hello")
body = s3.get_object(Bucket="boto-bucket", Key="a/b.json")["Body"].read()
keys = [o["Key"] for o in s3.list_objects_v2(Bucket="boto-bucket", Prefix="a/")["Contents"]]
print(json.dumps({"records": [r["Data"].decode() for r in records], "body": body.decode(), "keys": keys}))
`;
    const { stdout } = await run(BOTO3_PYTHON!, ["-c", script, emulator.emulator.url], {
      env: { PATH: process.env["PATH"], HOME: tmpdir(), AWS_CONFIG_FILE: "/nonexistent", AWS_SHARED_CREDENTIALS_FILE: "/nonexistent" },
    });
    assert.deepEqual(JSON.parse(stdout), { records: ['{"tipo":"Uso"}'], body: "hello", keys: ["a/b.json"] });
  });

  test("crawls a bucket with Glue and counts its records with Athena", async () => {
    const script = `
import boto3, json, sys, time
from botocore.config import Config
endpoint = sys.argv[1]
session = boto3.session.Session(aws_access_key_id="test", aws_secret_access_key="test", region_name="us-east-1")
s3 = session.client("s3", endpoint_url=endpoint, config=Config(s3={"addressing_style": "path"}))
glue = session.client("glue", endpoint_url=endpoint)
athena = session.client("athena", endpoint_url=endpoint)
s3.create_bucket(Bucket="boto-telemetry")
for hour in ("06", "07"):
    lines = [json.dumps({"idtemp": str(i), "dado": "1.5", "tipo": "Uso", "timestamp": "2026-11-28 %s:00:0%d.000000" % (hour, i)}) for i in range(3)]
    s3.put_object(Bucket="boto-telemetry", Key="2026/11/28/%s/object" % hour, Body="\\n".join(lines).encode() + b"\\n")
glue.create_database(DatabaseInput={"Name": "boto_db"})
glue.create_crawler(Name="boto-crawler", Role="arn:aws:iam::000000000000:role/glue", DatabaseName="boto_db", Targets={"S3Targets": [{"Path": "s3://boto-telemetry/"}]})
glue.start_crawler(Name="boto-crawler")
for _ in range(100):
    if glue.get_crawler(Name="boto-crawler")["Crawler"]["State"] == "READY":
        break
    time.sleep(0.1)
table = glue.get_tables(DatabaseName="boto_db")["TableList"][0]
s3.create_bucket(Bucket="boto-telemetry-results")
query = athena.start_query_execution(QueryString='select count(*) from "boto_telemetry"', QueryExecutionContext={"Database": "boto_db"},
    ResultConfiguration={"OutputLocation": "s3://boto-telemetry-results/"})["QueryExecutionId"]
for _ in range(100):
    state = athena.get_query_execution(QueryExecutionId=query)["QueryExecution"]["Status"]["State"]
    if state not in ("QUEUED", "RUNNING"):
        break
    time.sleep(0.1)
rows = athena.get_query_results(QueryExecutionId=query)["ResultSet"]["Rows"]
print(json.dumps({"table": table["Name"], "partitionKeys": [k["Name"] for k in table["PartitionKeys"]], "state": state, "count": rows[1]["Data"][0]["VarCharValue"]}))
`;
    const { stdout } = await run(BOTO3_PYTHON!, ["-c", script, emulator.emulator.url], {
      env: { PATH: process.env["PATH"], HOME: tmpdir(), AWS_CONFIG_FILE: "/nonexistent", AWS_SHARED_CREDENTIALS_FILE: "/nonexistent" },
    });
    assert.deepEqual(JSON.parse(stdout), { table: "boto_telemetry", partitionKeys: ["partition_0", "partition_1", "partition_2", "partition_3"], state: "SUCCEEDED", count: "6" });
  });
});
