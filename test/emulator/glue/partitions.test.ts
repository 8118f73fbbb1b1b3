import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { BatchCreatePartitionCommand, CreateTableCommand, GetPartitionsCommand, type GlueClient, type PartitionInput } from "@aws-sdk/client-glue";
import { useTestEmulator } from "../../support/testEmulator";
import { createDatabase, rejectsWith } from "../../support/glueTestKit";

function hourPartition(day: string, hour: string): PartitionInput {
  return { Values: ["2026", "11", day, hour], StorageDescriptor: { Location: `s3://bucket/2026/11/${day}/${hour}/` } };
}

describe("Glue partitions", () => {
  let glue: GlueClient;
  useTestEmulator((started) => {
    glue = started.glue;
  });

  async function partitionedTable(): Promise<string> {
    const database = await createDatabase(glue);
    await glue.send(
      new CreateTableCommand({
        DatabaseName: database,
        TableInput: { Name: "readings", PartitionKeys: ["partition_0", "partition_1", "partition_2", "partition_3"].map((name) => ({ Name: name, Type: "string" })) },
      }),
    );
    return database;
  }

  describe("validation", () => {
    test("rejects more than 100 partitions in one BatchCreatePartition with ValidationException", async () => {
      const database = await partitionedTable();
      const many = Array.from({ length: 101 }, (_, index) => hourPartition("28", String(index)));
      await rejectsWith(glue.send(new BatchCreatePartitionCommand({ DatabaseName: database, TableName: "readings", PartitionInputList: many })), { name: "ValidationException", message: /at 'partitionInputList'/ });
    });

    test("rejects a GetPartitions MaxResults of 1001 with ValidationException", async () => {
      const database = await partitionedTable();
      await rejectsWith(glue.send(new GetPartitionsCommand({ DatabaseName: database, TableName: "readings", MaxResults: 1001 })), { name: "ValidationException" });
    });
  });

  describe("errors", () => {
    test("answers EntityNotFoundException for partitions of a missing table", async () => {
      const database = await createDatabase(glue);
      await rejectsWith(glue.send(new GetPartitionsCommand({ DatabaseName: database, TableName: "nope" })), { name: "EntityNotFoundException", message: "Table nope not found." });
      await rejectsWith(
        glue.send(new BatchCreatePartitionCommand({ DatabaseName: database, TableName: "nope", PartitionInputList: [hourPartition("28", "06")] })),
        { name: "EntityNotFoundException", message: "Table nope not found." },
      );
    });

    test("reports a partition already registered, and one with the wrong number of values, in Errors", async () => {
      const database = await partitionedTable();
      await glue.send(new BatchCreatePartitionCommand({ DatabaseName: database, TableName: "readings", PartitionInputList: [hourPartition("28", "06")] }));
      const answer = await glue.send(
        new BatchCreatePartitionCommand({ DatabaseName: database, TableName: "readings", PartitionInputList: [hourPartition("28", "06"), { Values: ["2026"] }, hourPartition("28", "07")] }),
      );
      assert.deepEqual(
        answer.Errors?.map((error) => [error.PartitionValues, error.ErrorDetail?.ErrorCode]),
        [
          [["2026", "11", "28", "06"], "AlreadyExistsException"],
          [["2026"], "InvalidInputException"],
        ],
      );
      const { Partitions } = await glue.send(new GetPartitionsCommand({ DatabaseName: database, TableName: "readings" }));
      assert.equal(Partitions?.length, 2);
    });

    test("answers InvalidInputException for an Expression naming no partition key", async () => {
      const database = await partitionedTable();
      await rejectsWith(glue.send(new GetPartitionsCommand({ DatabaseName: database, TableName: "readings", Expression: "year = '2026'" })), { name: "InvalidInputException" });
    });
  });

  describe("behaviour", () => {
    test("registers partitions with their values and locations", async () => {
      const database = await partitionedTable();
      const answer = await glue.send(new BatchCreatePartitionCommand({ DatabaseName: database, TableName: "readings", PartitionInputList: [hourPartition("28", "06"), hourPartition("28", "07")] }));
      assert.equal(answer.Errors, undefined);
      const { Partitions } = await glue.send(new GetPartitionsCommand({ DatabaseName: database, TableName: "readings" }));
      assert.deepEqual(
        Partitions?.map((partition) => [partition.Values, partition.StorageDescriptor?.Location, partition.TableName, partition.DatabaseName]),
        [
          [["2026", "11", "28", "06"], "s3://bucket/2026/11/28/06/", "readings", database],
          [["2026", "11", "28", "07"], "s3://bucket/2026/11/28/07/", "readings", database],
        ],
      );
    });

    test("filters partitions by an Expression on partition keys", async () => {
      const database = await partitionedTable();
      await glue.send(
        new BatchCreatePartitionCommand({ DatabaseName: database, TableName: "readings", PartitionInputList: [hourPartition("27", "23"), hourPartition("28", "06"), hourPartition("28", "07")] }),
      );
      const { Partitions } = await glue.send(new GetPartitionsCommand({ DatabaseName: database, TableName: "readings", Expression: "partition_2 = '28' AND partition_3 >= '07'" }));
      assert.deepEqual(
        Partitions?.map((partition) => partition.Values),
        [["2026", "11", "28", "07"]],
      );
    });

    test("pages partitions with MaxResults and NextToken, each once", async () => {
      const database = await partitionedTable();
      const hours = ["00", "01", "02", "03", "04"];
      await glue.send(new BatchCreatePartitionCommand({ DatabaseName: database, TableName: "readings", PartitionInputList: hours.map((hour) => hourPartition("28", hour)) }));
      const seen: string[] = [];
      let token: string | undefined;
      for (let pages = 0; pages < 10; pages += 1) {
        const answer = await glue.send(new GetPartitionsCommand({ DatabaseName: database, TableName: "readings", MaxResults: 2, ...(token === undefined ? {} : { NextToken: token }) }));
        seen.push(...(answer.Partitions ?? []).map((partition) => partition.Values![3]!));
        token = answer.NextToken;
        if (token === undefined) {
          break;
        }
      }
      assert.deepEqual(seen, hours);
    });
  });
});
