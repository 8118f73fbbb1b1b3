import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { ListTagsForDeliveryStreamCommand, TagDeliveryStreamCommand, UntagDeliveryStreamCommand } from "@aws-sdk/client-firehose";
import { createDeliveryStream, rejectsWith } from "../../support/firehoseSdk";
import { useTestEmulator, type TestEmulator } from "../../support/testEmulator";

describe("Firehose tags", () => {
  let aws: TestEmulator;
  useTestEmulator((started) => {
    aws = started;
  });

  const listTags = async (name: string, input: { Limit?: number; ExclusiveStartTagKey?: string } = {}) => {
    const page = await aws.firehose.send(new ListTagsForDeliveryStreamCommand({ DeliveryStreamName: name, ...input }));
    return [page.Tags?.map((tag) => `${tag.Key}=${tag.Value ?? ""}`), page.HasMoreTags];
  };

  describe("validation", () => {
    test("rejects a tag key starting with aws: with ValidationException", async () => {
      await rejectsWith(
        aws.firehose.send(new TagDeliveryStreamCommand({ DeliveryStreamName: "gpu", Tags: [{ Key: "aws:owner", Value: "me" }] })),
        { name: "ValidationException", message: /Value 'aws:owner' at 'tags.1.member.key' failed to satisfy constraint: Member must satisfy regular expression pattern/ },
      );
    });

    test("rejects an empty tag list with ValidationException", async () => {
      await rejectsWith(aws.firehose.send(new TagDeliveryStreamCommand({ DeliveryStreamName: "gpu", Tags: [] })), { name: "ValidationException", message: /at 'tags' failed to satisfy constraint: Member must have length greater than or equal to 1/ });
    });
  });

  describe("errors", () => {
    test("answers ResourceNotFoundException for a delivery stream that does not exist", async () => {
      await rejectsWith(aws.firehose.send(new TagDeliveryStreamCommand({ DeliveryStreamName: "nowhere", Tags: [{ Key: "a", Value: "b" }] })), { name: "ResourceNotFoundException" });
      await rejectsWith(aws.firehose.send(new ListTagsForDeliveryStreamCommand({ DeliveryStreamName: "nowhere" })), { name: "ResourceNotFoundException" });
      await rejectsWith(aws.firehose.send(new UntagDeliveryStreamCommand({ DeliveryStreamName: "nowhere", TagKeys: ["a"] })), { name: "ResourceNotFoundException" });
    });

    test("answers LimitExceededException past 50 tags, keeping the ones it had", async () => {
      const name = await createDeliveryStream(aws.firehose, { bucket: "telemetry", Tags: Array.from({ length: 50 }, (_, index) => ({ Key: `k${index}`, Value: "v" })) });
      await rejectsWith(aws.firehose.send(new TagDeliveryStreamCommand({ DeliveryStreamName: name, Tags: [{ Key: "one-more", Value: "v" }] })), { name: "LimitExceededException", message: /the limit is 50/ });
      const [tags] = await listTags(name);
      assert.equal((tags as string[]).length, 50);
    });
  });

  describe("behaviour", () => {
    test("keeps the tags given at creation, adds and overwrites, removes, and pages them by key", async () => {
      const name = await createDeliveryStream(aws.firehose, { bucket: "telemetry", Tags: [{ Key: "course", Value: "gpu" }] });
      await aws.firehose.send(new TagDeliveryStreamCommand({ DeliveryStreamName: name, Tags: [{ Key: "owner", Value: "ana" }, { Key: "course", Value: "gpu-2" }, { Key: "env" }] }));
      assert.deepEqual(await listTags(name), [["course=gpu-2", "env=", "owner=ana"], false]);
      assert.deepEqual(await listTags(name, { Limit: 1, ExclusiveStartTagKey: "course" }), [["env="], true]);
      await aws.firehose.send(new UntagDeliveryStreamCommand({ DeliveryStreamName: name, TagKeys: ["env", "absent"] }));
      assert.deepEqual(await listTags(name), [["course=gpu-2", "owner=ana"], false]);
    });
  });
});
