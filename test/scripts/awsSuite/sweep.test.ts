import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { CreateDeliveryStreamCommand } from "@aws-sdk/client-firehose";
import { CreateCrawlerCommand, CreateDatabaseCommand, CreateTableCommand } from "@aws-sdk/client-glue";
import { CreateRoleCommand, PutRolePolicyCommand } from "@aws-sdk/client-iam";
import { CreateStreamCommand, ListStreamsCommand } from "@aws-sdk/client-kinesis";
import { CreateBucketCommand, ListBucketsCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { sweepRunResources } from "../../support/awsSuiteModules";
import { useFidelityTarget, type FidelityTarget } from "../../support/fidelityTarget";

// Both services assume it: Firehose for the delivery stream, Glue for the crawler (each checks at creation).
const TRUST = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: ["firehose.amazonaws.com", "glue.amazonaws.com"] }, Action: "sts:AssumeRole" }] });

/** The runner's last step: whatever a failed or interrupted run left under its prefix goes, and nothing else. */
describe("the sweep of a run's prefix", () => {
  let target: FidelityTarget;
  // The emulator only, whatever GPU_STREAM_TEST_TARGET says: the test makes resources outside the prefix.
  useFidelityTarget(
    "sweep",
    (opened) => {
      target = opened;
    },
    "emulator",
  );

  test("deletes every kind of resource named with the prefix, buckets in any region and full, and keeps the others", async () => {
    const { prefix, catalogPrefix } = target;
    const { kinesis, firehose, glue, s3 } = target.clients;
    const kept = "gpu-stream-not-this-run";
    await kinesis.send(new CreateStreamCommand({ StreamName: `${prefix}-stream`, ShardCount: 1 }));
    await kinesis.send(new CreateStreamCommand({ StreamName: kept, ShardCount: 1 }));
    await s3.send(new CreateBucketCommand({ Bucket: `${prefix}-here` }));
    await s3.send(new PutObjectCommand({ Bucket: `${prefix}-here`, Key: "telemetry/a.json", Body: "{}\n" }));
    const west = target.s3In("us-west-2");
    await west.send(new CreateBucketCommand({ Bucket: `${prefix}-west`, CreateBucketConfiguration: { LocationConstraint: "us-west-2" } }));
    await west.send(new PutObjectCommand({ Bucket: `${prefix}-west`, Key: "b", Body: "x" }));
    await s3.send(new CreateBucketCommand({ Bucket: kept }));
    const role = (await target.iam.send(new CreateRoleCommand({ RoleName: `${prefix}-role`, AssumeRolePolicyDocument: TRUST }))).Role!;
    await target.iam.send(new PutRolePolicyCommand({ RoleName: `${prefix}-role`, PolicyName: "inline", PolicyDocument: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }] }) }));
    await firehose.send(
      new CreateDeliveryStreamCommand({
        DeliveryStreamName: `${prefix}-delivery`,
        DeliveryStreamType: "DirectPut",
        ExtendedS3DestinationConfiguration: { BucketARN: `arn:aws:s3:::${prefix}-here`, RoleARN: role.Arn! },
      }),
    );
    await glue.send(new CreateDatabaseCommand({ DatabaseInput: { Name: catalogPrefix } }));
    await glue.send(new CreateTableCommand({ DatabaseName: catalogPrefix, TableInput: { Name: "telemetry", StorageDescriptor: { Location: `s3://${prefix}-here/telemetry/` } } }));
    await glue.send(new CreateCrawlerCommand({ Name: `${prefix}-crawler`, Role: role.Arn!, DatabaseName: catalogPrefix, Targets: { S3Targets: [{ Path: `s3://${prefix}-here/telemetry/` }] } }));

    const swept = await sweepRunResources(target, prefix, { wait: { timeoutMs: 10_000, intervalMs: target.pollMs } });
    assert.deepEqual(
      swept.map((resource) => `${resource.kind} ${resource.name}`),
      [
        `crawler ${prefix}-crawler`,
        `database ${catalogPrefix}`,
        `deliveryStream ${prefix}-delivery`,
        `stream ${prefix}-stream`,
        `role ${prefix}-role`,
        `bucket ${prefix}-here`,
        `bucket ${prefix}-west`,
      ],
    );
    assert.deepEqual((await kinesis.send(new ListStreamsCommand({}))).StreamNames, [kept]);
    assert.deepEqual((await s3.send(new ListBucketsCommand({}))).Buckets?.map((bucket) => bucket.Name), [kept]);
    assert.deepEqual(await sweepRunResources(target, prefix), []);
  });
});
