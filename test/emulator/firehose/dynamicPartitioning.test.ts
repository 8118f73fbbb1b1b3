import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { DescribeDeliveryStreamCommand, PutRecordBatchCommand, type ExtendedS3DestinationConfiguration } from "@aws-sdk/client-firehose";
import { GetPartitionsCommand, GetTableCommand } from "@aws-sdk/client-glue";
import { createBucket, createDeliveryStream, createKinesisStream, putKinesisRecords, readObjects, rejectsWith } from "../../support/firehoseSdk";
import { lines, T0, TestClock } from "../../support/firehoseTestKit";
import { crawl, createDatabase } from "../../support/glueTestKit";
import { useTestEmulator, type TestEmulator } from "../../support/testEmulator";

// Dynamic partitioning with inline parsing (https://docs.aws.amazon.com/firehose/latest/dev/dynamic-partitioning.html),
// through the real SDK clients against the emulator: records split by the jq query's keys, one object per partition
// per flush, failures under the error prefix, then a Glue crawler naming the partition by its key.

const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";
const TIPOS = ["temperatura", "energia", "usoGPU"];
const telemetry = (index: number, tipo = TIPOS[index % TIPOS.length]!): string =>
  JSON.stringify({ id: index, tipo, valor: 61.5, horario: "2026-12-07 10:00:00.123" });

function partitioned(overrides: Partial<ExtendedS3DestinationConfiguration> = {}): Partial<ExtendedS3DestinationConfiguration> {
  return {
    Prefix: "gpu/tipo=!{partitionKeyFromQuery:tipo}/",
    ErrorOutputPrefix: "errors/!{firehose:error-output-type}/",
    BufferingHints: { SizeInMBs: 64, IntervalInSeconds: 60 },
    DynamicPartitioningConfiguration: { Enabled: true },
    ProcessingConfiguration: {
      Enabled: true,
      Processors: [
        { Type: "MetadataExtraction", Parameters: [{ ParameterName: "MetadataExtractionQuery", ParameterValue: "{tipo:.tipo}" }, { ParameterName: "JsonParsingEngine", ParameterValue: "JQ-1.6" }] },
        { Type: "AppendDelimiterToRecord" },
      ],
    },
    ...overrides,
  };
}

describe("Firehose dynamic partitioning", () => {
  let aws: TestEmulator;
  const clock = new TestClock(T0);
  useTestEmulator(
    (started) => {
      aws = started;
    },
    { now: clock.now },
  );

  const idsOf = (body: Buffer): number[] => lines(body).map((line) => (JSON.parse(line) as { id: number }).id);

  describe("behaviour", () => {
    test("delivers each tipo under prefix/tipo=<value>/, one object per partition per flush, every record once", async () => {
      const bucket = await createBucket(aws.s3);
      const stream = await createKinesisStream(aws.kinesis, 2);
      const name = await createDeliveryStream(aws.firehose, { bucket, kinesisStream: stream, destination: partitioned() });
      await putKinesisRecords(aws.kinesis, stream, Array.from({ length: 30 }, (_, index) => telemetry(index)));
      const report = await aws.emulator.flushFirehose(name);
      const objects = await readObjects(aws.s3, bucket);
      assert.deepEqual(objects.map((object) => object.key.replace(/[^/]*$/, "")).sort(), ["gpu/tipo=energia/", "gpu/tipo=temperatura/", "gpu/tipo=usoGPU/"]);
      for (const object of objects) {
        assert.match(object.key, new RegExp(`^gpu/tipo=\\w+/${name}-1-2026-11-28-06-29-32-${UUID}$`));
        const tipo = /tipo=(\w+)/.exec(object.key)![1];
        assert.ok(lines(object.body).every((line) => (JSON.parse(line) as { tipo: string }).tipo === tipo));
      }
      assert.deepEqual(objects.flatMap((object) => idsOf(object.body)).sort((a, b) => a - b), Array.from({ length: 30 }, (_, index) => index));
      const delivered = report.deliveryStreams[0]!;
      assert.equal(delivered.bufferedRecords, 0);
      assert.deepEqual(delivered.objects.map((object) => [object.outcome, object.records]).sort(), [["delivered", 10], ["delivered", 10], ["delivered", 10]]);

      await putKinesisRecords(aws.kinesis, stream, [telemetry(30, "energia")]);
      await aws.emulator.flushFirehose(name);
      assert.equal((await readObjects(aws.s3, bucket, "gpu/tipo=energia/")).length, 2);
    });

    test("puts records whose key cannot be extracted under the error prefix as partitioning-failed, losing nothing", async () => {
      const bucket = await createBucket(aws.s3);
      const name = await createDeliveryStream(aws.firehose, { bucket, destination: partitioned() });
      const records = [telemetry(1, "energia"), JSON.stringify({ id: 2, valor: 1 }), "not json", JSON.stringify({ id: 4, tipo: { nested: true } }), telemetry(5, "energia")];
      await aws.firehose.send(new PutRecordBatchCommand({ DeliveryStreamName: name, Records: records.map((record) => ({ Data: Buffer.from(record) })) }));
      const report = await aws.emulator.flushFirehose(name);
      assert.deepEqual(report.deliveryStreams[0]!.objects.map((object) => [object.outcome, object.records]), [["delivered", 2], ["partitioning-failed", 3]]);
      const [energia] = await readObjects(aws.s3, bucket, "gpu/");
      assert.match(energia!.key, /^gpu\/tipo=energia\//);
      assert.deepEqual(idsOf(energia!.body), [1, 5]);
      const [failed] = await readObjects(aws.s3, bucket, "errors/");
      assert.match(failed!.key, new RegExp(`^errors/partitioning-failed/${name}-1-2026-11-28-06-29-32-${UUID}$`));
      const failures = lines(failed!.body).map((line) => JSON.parse(line) as { errorCode: string; errorMessage: string; rawData: string; arrivalTimestamp: number });
      assert.deepEqual(failures.map((failure) => Buffer.from(failure.rawData, "base64").toString()), records.slice(1, 4));
      assert.ok(failures.every((failure) => failure.errorCode === "DynamicPartitioning.MetadataExtractionFailed" && failure.arrivalTimestamp === T0));
      assert.match(failures[0]!.errorMessage, /Partition key 'tipo' is missing/);
      assert.match(failures[1]!.errorMessage, /not valid JSON/);
    });

    test("uses several keys, nested fields and timestamps in one prefix", async () => {
      const bucket = await createBucket(aws.s3);
      const query = "{tipo: .tipo, gpu: .origem.gpu}";
      const destination = partitioned({ Prefix: "t/tipo=!{partitionKeyFromQuery:tipo}/gpu=!{partitionKeyFromQuery:gpu}/!{timestamp:yyyy}/" });
      destination.ProcessingConfiguration!.Processors![0]!.Parameters![0]!.ParameterValue = query;
      const name = await createDeliveryStream(aws.firehose, { bucket, destination });
      const records = [{ tipo: "energia", origem: { gpu: 0 } }, { tipo: "energia", origem: { gpu: 1 } }, { tipo: "energia", origem: { gpu: 0 } }];
      await aws.firehose.send(new PutRecordBatchCommand({ DeliveryStreamName: name, Records: records.map((record) => ({ Data: Buffer.from(JSON.stringify(record)) })) }));
      await aws.emulator.flushFirehose(name);
      const keys = (await readObjects(aws.s3, bucket)).map((object) => object.key.replace(/[^/]*$/, "")).sort();
      assert.deepEqual(keys, ["t/tipo=energia/gpu=0/2026/", "t/tipo=energia/gpu=1/2026/"]);
    });

    test("describes the delivery stream with its partitioning and the 128 MiB buffer it defaults to", async () => {
      const bucket = await createBucket(aws.s3);
      const { BufferingHints, ...rest } = partitioned();
      void BufferingHints;
      const name = await createDeliveryStream(aws.firehose, { bucket, destination: rest });
      const { DeliveryStreamDescription } = await aws.firehose.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: name }));
      const destination = DeliveryStreamDescription!.Destinations![0]!.ExtendedS3DestinationDescription!;
      assert.deepEqual(destination.DynamicPartitioningConfiguration, { Enabled: true });
      assert.deepEqual(destination.BufferingHints, { SizeInMBs: 128, IntervalInSeconds: 300 });
    });

    test("lets a Glue crawler name the partition by its key", async () => {
      const bucket = await createBucket(aws.s3);
      const name = await createDeliveryStream(aws.firehose, { bucket, destination: partitioned() });
      await aws.firehose.send(new PutRecordBatchCommand({ DeliveryStreamName: name, Records: Array.from({ length: 6 }, (_, index) => ({ Data: Buffer.from(telemetry(index)) })) }));
      await aws.emulator.flushFirehose(name);
      const database = await createDatabase(aws.glue);
      const { crawler } = await crawl(aws.glue, database, `s3://${bucket}/gpu`);
      assert.equal(crawler.LastCrawl?.Status, "SUCCEEDED", crawler.LastCrawl?.ErrorMessage);
      const { Table } = await aws.glue.send(new GetTableCommand({ DatabaseName: database, Name: "gpu" }));
      assert.deepEqual(Table?.PartitionKeys?.map((key) => key.Name), ["tipo"]);
      const { Partitions } = await aws.glue.send(new GetPartitionsCommand({ DatabaseName: database, TableName: "gpu" }));
      assert.deepEqual(Partitions?.map((partition) => partition.Values?.join("/")).sort(), ["energia", "temperatura", "usoGPU"]);
    });
  });

  describe("validation", () => {
    const refuses = async (destination: Partial<ExtendedS3DestinationConfiguration>, message: RegExp): Promise<void> => {
      const bucket = await createBucket(aws.s3);
      await rejectsWith(createDeliveryStream(aws.firehose, { bucket, destination }), { name: "InvalidArgumentException", message });
    };

    test("requires an ErrorOutputPrefix", async () => {
      await refuses(partitioned({ ErrorOutputPrefix: undefined }), /ErrorOutputPrefix is required when dynamic partitioning is enabled/);
    });

    test("requires a partition key in Prefix, with AWS's message", async () => {
      await refuses(partitioned({ Prefix: "gpu/" }), /^S3 Prefix should contain Dynamic Partitioning namespaces when Dynamic Partitioning is enabled$/);
    });

    test("refuses partition keys and MetadataExtraction when dynamic partitioning is not enabled, with AWS's messages", async () => {
      await refuses(
        partitioned({ DynamicPartitioningConfiguration: { Enabled: false }, ProcessingConfiguration: undefined }),
        /^Dynamic Partitioning Namespaces can only be part of a prefix expression when Dynamic Partitioning is enabled\.$/,
      );
      await refuses(
        partitioned({ DynamicPartitioningConfiguration: undefined, Prefix: "gpu/", ErrorOutputPrefix: "e/" }),
        /^class com\.amazonaws\.services\.firehose\.internal\.model\.MetadataExtractionProcessor can only be present when Dynamic Partitioning is enabled\.$/,
      );
    });

    test("checks the query's keys against Prefix", async () => {
      const extraKey = partitioned();
      extraKey.ProcessingConfiguration!.Processors![0]!.Parameters![0]!.ParameterValue = "{tipo: .tipo, gpu: .gpu}";
      await refuses(extraKey, /^MetaDataExtraction JQ Query can't contain keys that are not present in the S3 Prefix expression$/);
      await refuses(partitioned({ Prefix: "gpu/tipo=!{partitionKeyFromQuery:tipo}/gpu=!{partitionKeyFromQuery:gpu}/" }), /does not build the key 'gpu'/);
    });

    test("requires a MetadataExtraction processor for partitionKeyFromQuery", async () => {
      await refuses(partitioned({ ProcessingConfiguration: undefined }), /needs an enabled ProcessingConfiguration with a MetadataExtraction processor/);
    });

    test("refuses partitionKeyFromLambda clearly: the emulator runs no Lambda", async () => {
      await refuses(partitioned({ Prefix: "gpu/tipo=!{partitionKeyFromLambda:tipo}/" }), /partitionKeyFromLambda:tipo.*runs no Lambda functions/);
    });

    test("refuses a query jq cannot compile and an engine other than JQ-1.6", async () => {
      const badQuery = partitioned();
      badQuery.ProcessingConfiguration!.Processors![0]!.Parameters![0]!.ParameterValue = "{tipo: .tipo";
      await refuses(badQuery, /MetadataExtractionQuery '\{tipo: \.tipo' is not a valid jq expression/);
      const badEngine = partitioned();
      badEngine.ProcessingConfiguration!.Processors![0]!.Parameters![1]!.ParameterValue = "JQ-1.7";
      await refuses(badEngine, /JsonParsingEngine JQ-1.7 is invalid/);
    });

    test("refuses buffers under 64 MiB or under 60 seconds, with AWS's messages", async () => {
      await refuses(partitioned({ BufferingHints: { SizeInMBs: 5, IntervalInSeconds: 60 } }), /^BufferingHints\.SizeInMBs must be at least 64 when Dynamic Partitioning is enabled\.$/);
      await refuses(partitioned({ BufferingHints: { SizeInMBs: 64, IntervalInSeconds: 0 } }), /^BufferingHints\.IntervalInSeconds must be at least 60 seconds when Dynamic Partitioning is enabled\.$/);
    });
  });
});
