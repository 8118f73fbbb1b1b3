import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { GetCrawlerMetricsCommand, GetPartitionsCommand, GetTableCommand, GetTablesCommand, type GlueClient, type Partition } from "@aws-sdk/client-glue";
import { DuckDBInstance } from "@duckdb/node-api";
import { useTestEmulator, type TestEmulator } from "../../support/testEmulator";
import { crawl, createDatabase, putObjects, recrawl, uniqueBucket } from "../../support/glueTestKit";

function record(id: number, tipo = "energia"): Record<string, string> {
  return { idtemp: String(id), dado: `${36 + id / 10}`, tipo, timestamp: `2026-11-28 06:29:${String(10 + id).padStart(2, "0")}.123456` };
}

function newlineDelimited(records: readonly object[]): string {
  return records.map((one) => JSON.stringify(one)).join("\n") + "\n";
}

function backToBack(records: readonly object[]): string {
  return records.map((one) => JSON.stringify(one)).join("");
}

/** "Create a single schema for each S3 path": https://docs.aws.amazon.com/glue/latest/dg/crawler-grouping-policy.html */
const COMBINE_COMPATIBLE_SCHEMAS = JSON.stringify({ Version: 1.0, Grouping: { TableGroupingPolicy: "CombineCompatibleSchemas" } });

function columnsOf(table: { StorageDescriptor?: { Columns?: { Name?: string; Type?: string }[] } } | undefined): Record<string, string> {
  return Object.fromEntries((table?.StorageDescriptor?.Columns ?? []).map((column) => [column.Name!, column.Type!]));
}

function sortedValues(partitions: readonly Partition[] | undefined): string[] {
  return (partitions ?? []).map((partition) => (partition.Values ?? []).join("/")).sort();
}

describe("Glue crawler inference", () => {
  let emulator: TestEmulator;
  let glue: GlueClient;
  useTestEmulator((started) => {
    emulator = started;
    glue = started.glue;
  });

  describe("behaviour", () => {
    test("catalogs a bucket laid out as Firehose writes it as one table of four strings partitioned partition_0..3", async () => {
      const bucket = uniqueBucket("gpu-telemetry");
      await putObjects(emulator.s3, bucket, {
        "2026/11/28/06/gpu-stream-1-2026-11-28-06-29-32-aaaa": newlineDelimited([record(1), record(2), record(3)]),
        "2026/11/28/06/gpu-stream-1-2026-11-28-06-35-00-bbbb": backToBack([record(4, "temperatura"), record(5, "Uso")]),
        "2026/11/28/07/gpu-stream-1-2026-11-28-07-01-00-cccc": backToBack([record(6, "usoVRAM"), record(7, "Frequencia")]),
      });
      const database = await createDatabase(glue);
      const { crawler, name } = await crawl(glue, database, `s3://${bucket}`);
      assert.equal(crawler.LastCrawl?.Status, "SUCCEEDED", crawler.LastCrawl?.ErrorMessage);

      const { TableList } = await glue.send(new GetTablesCommand({ DatabaseName: database }));
      assert.deepEqual(
        TableList?.map((table) => table.Name),
        [bucket.replace(/-/g, "_")],
      );
      const table = TableList![0]!;
      assert.deepEqual(table.StorageDescriptor?.Columns, [
        { Name: "idtemp", Type: "string" },
        { Name: "dado", Type: "string" },
        { Name: "tipo", Type: "string" },
        { Name: "timestamp", Type: "string" },
      ]);
      assert.deepEqual(table.PartitionKeys, [
        { Name: "partition_0", Type: "string" },
        { Name: "partition_1", Type: "string" },
        { Name: "partition_2", Type: "string" },
        { Name: "partition_3", Type: "string" },
      ]);
      assert.equal(table.StorageDescriptor?.Location, `s3://${bucket}/`);
      assert.equal(table.StorageDescriptor?.SerdeInfo?.SerializationLibrary, "org.openx.data.jsonserde.JsonSerDe");
      assert.equal(table.StorageDescriptor?.InputFormat, "org.apache.hadoop.mapred.TextInputFormat");
      assert.equal(table.StorageDescriptor?.OutputFormat, "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat");
      assert.equal(table.Parameters?.["classification"], "json");
      assert.equal(table.TableType, "EXTERNAL_TABLE");

      const { Partitions } = await glue.send(new GetPartitionsCommand({ DatabaseName: database, TableName: table.Name! }));
      assert.deepEqual(sortedValues(Partitions), ["2026/11/28/06", "2026/11/28/07"]);
      const hour06 = Partitions!.find((partition) => partition.Values?.[3] === "06");
      assert.equal(hour06?.StorageDescriptor?.Location, `s3://${bucket}/2026/11/28/06/`);

      const { CrawlerMetricsList } = await glue.send(new GetCrawlerMetricsCommand({ CrawlerNameList: [name] }));
      assert.equal(CrawlerMetricsList?.[0]?.TablesCreated, 1);
      assert.equal(CrawlerMetricsList?.[0]?.TablesUpdated, 0);
    });

    test("names the table after the last folder of the target path, with TablePrefix applied", async () => {
      const bucket = uniqueBucket();
      await putObjects(emulator.s3, bucket, { "raw/GPU-Data/2026/11/28/06/a": newlineDelimited([record(1)]) });
      const database = await createDatabase(glue);
      await crawl(glue, database, `s3://${bucket}/raw/GPU-Data`, { TablePrefix: "tb_" });
      const { Table } = await glue.send(new GetTableCommand({ DatabaseName: database, Name: "tb_gpu_data" }));
      assert.equal(Table?.StorageDescriptor?.Location, `s3://${bucket}/raw/GPU-Data/`);
      assert.equal(Table?.PartitionKeys?.length, 4);
    });

    test("infers bigint, double, boolean, struct and array from JSON, as the union over the objects", async () => {
      const bucket = uniqueBucket();
      await putObjects(emulator.s3, bucket, {
        "data/a.json": newlineDelimited([{ id: 1, big: 9007199254740991, ratio: 1.5, ok: true, gpu: { name: "A100", mem: 40 }, tags: ["x"] }]),
        "data/b.json": newlineDelimited([{ id: 2, ratio: 2, extra: "late", gpu: { name: "H100", clock: 1.98 }, tags: [] }]),
      });
      const database = await createDatabase(glue);
      // The two files share 4 of 7 columns, too few to be one table by default: combined as the option says.
      await crawl(glue, database, `s3://${bucket}/data/`, { Configuration: COMBINE_COMPATIBLE_SCHEMAS });
      const { Table } = await glue.send(new GetTableCommand({ DatabaseName: database, Name: "data" }));
      assert.deepEqual(columnsOf(Table), {
        id: "int",
        big: "bigint",
        ratio: "double",
        ok: "boolean",
        gpu: "struct<name:string,mem:int,clock:double>",
        tags: "array<string>",
        extra: "string",
      });
      assert.deepEqual(Table?.PartitionKeys, []);
    });

    test("reads a CSV with a header as LazySimpleSerDe skipping one header line", async () => {
      const bucket = uniqueBucket();
      await putObjects(emulator.s3, bucket, { "csv/readings.csv": "idtemp,dado,tipo,ok\n1,36.2,energia,true\n2,41,temperatura,false\n" });
      const database = await createDatabase(glue);
      await crawl(glue, database, `s3://${bucket}/csv`);
      const { Table } = await glue.send(new GetTableCommand({ DatabaseName: database, Name: "csv" }));
      assert.deepEqual(columnsOf(Table), { idtemp: "bigint", dado: "double", tipo: "string", ok: "boolean" });
      assert.equal(Table?.Parameters?.["classification"], "csv");
      assert.equal(Table?.Parameters?.["skip.header.line.count"], "1");
      assert.equal(Table?.StorageDescriptor?.SerdeInfo?.SerializationLibrary, "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe");
      assert.deepEqual(Table?.StorageDescriptor?.SerdeInfo?.Parameters, { "field.delim": "," });
    });

    test("reads a CSV with quoted fields as OpenCSVSerde, every column a string", async () => {
      const bucket = uniqueBucket();
      await putObjects(emulator.s3, bucket, { "quoted/a.csv": 'idtemp,note,dado\n1,"hot, very",36.2\n2,"cool",30\n' });
      const database = await createDatabase(glue);
      await crawl(glue, database, `s3://${bucket}/quoted`);
      const { Table } = await glue.send(new GetTableCommand({ DatabaseName: database, Name: "quoted" }));
      assert.deepEqual(columnsOf(Table), { idtemp: "string", note: "string", dado: "string" });
      assert.equal(Table?.StorageDescriptor?.SerdeInfo?.SerializationLibrary, "org.apache.hadoop.hive.serde2.OpenCSVSerde");
      assert.deepEqual(Table?.StorageDescriptor?.SerdeInfo?.Parameters, { separatorChar: ",", quoteChar: '"' });
      assert.equal(Table?.Parameters?.["skip.header.line.count"], "1");
      assert.equal(Table?.Parameters?.["areColumnsQuoted"], "true");
    });

    test("takes a CSV whose first row is no different from the rest as headerless, columns col0..", async () => {
      const bucket = uniqueBucket();
      await putObjects(emulator.s3, bucket, { "plain/a.csv": "a|b|c\nd|e|f\ng|h|i\n" });
      const database = await createDatabase(glue);
      await crawl(glue, database, `s3://${bucket}/plain`);
      const { Table } = await glue.send(new GetTableCommand({ DatabaseName: database, Name: "plain" }));
      assert.deepEqual(columnsOf(Table), { col0: "string", col1: "string", col2: "string" });
      assert.equal(Table?.Parameters?.["skip.header.line.count"], undefined);
      assert.deepEqual(Table?.StorageDescriptor?.SerdeInfo?.Parameters, { "field.delim": "|" });
    });

    test("reads gzip-compressed newline-delimited JSON", async () => {
      const bucket = uniqueBucket();
      await putObjects(emulator.s3, bucket, { "gz/2026/11/28/06/a.gz": gzipSync(newlineDelimited([record(1), record(2)])) });
      const database = await createDatabase(glue);
      await crawl(glue, database, `s3://${bucket}/gz`);
      const { Table } = await glue.send(new GetTableCommand({ DatabaseName: database, Name: "gz" }));
      assert.deepEqual(Object.keys(columnsOf(Table)), ["idtemp", "dado", "tipo", "timestamp"]);
      assert.equal(Table?.Parameters?.["classification"], "json");
      assert.equal(Table?.Parameters?.["compressionType"], "gzip");
    });

    test("reads a Parquet file's schema", async () => {
      const folder = await mkdtemp(join(tmpdir(), "glue-parquet-"));
      try {
        const file = join(folder, "part.parquet");
        const instance = await DuckDBInstance.create(":memory:");
        const connection = await instance.connect();
        await connection.run(
          `COPY (SELECT 1::INTEGER AS id, 2::BIGINT AS total, 3.5::DOUBLE AS ratio, 'x' AS name, true AS ok, TIMESTAMP '2026-11-28 06:29:32' AS at, {'a': 1, 'b': 'y'} AS nested, [1, 2] AS list) TO '${file}' (FORMAT parquet)`,
        );
        connection.closeSync();
        instance.closeSync();
        const bucket = uniqueBucket();
        await putObjects(emulator.s3, bucket, { "pq/year=2026/part.parquet": new Uint8Array(await readFile(file)) });
        const database = await createDatabase(glue);
        await crawl(glue, database, `s3://${bucket}/pq`);
        const { Table } = await glue.send(new GetTableCommand({ DatabaseName: database, Name: "pq" }));
        assert.deepEqual(columnsOf(Table), {
          id: "int",
          total: "bigint",
          ratio: "double",
          name: "string",
          ok: "boolean",
          at: "timestamp",
          nested: "struct<a:int,b:string>",
          list: "array<int>",
        });
        assert.equal(Table?.Parameters?.["classification"], "parquet");
        assert.equal(Table?.Parameters?.["recordCount"], "1");
        assert.equal(Table?.StorageDescriptor?.SerdeInfo?.SerializationLibrary, "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe");
        assert.equal(Table?.StorageDescriptor?.InputFormat, "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat");
        assert.deepEqual(Table?.PartitionKeys, [{ Name: "year", Type: "string" }]);
      } finally {
        await rm(folder, { recursive: true, force: true });
      }
    });

    test("reads gzip-compressed CSV and widens a column that mixes numbers and words to string", async () => {
      const bucket = uniqueBucket();
      await putObjects(emulator.s3, bucket, {
        "gzcsv/a.csv.gz": gzipSync("gpu;watts;state\n0;250.5;busy\n1;300;idle\n"),
        "gzcsv/b.csv.gz": gzipSync("gpu;watts;state\nA100;120;idle\n"),
      });
      const database = await createDatabase(glue);
      await crawl(glue, database, `s3://${bucket}/gzcsv`);
      const { Table } = await glue.send(new GetTableCommand({ DatabaseName: database, Name: "gzcsv" }));
      assert.deepEqual(columnsOf(Table), { gpu: "string", watts: "double", state: "string" });
      assert.equal(Table?.Parameters?.["compressionType"], "gzip");
      assert.deepEqual(Table?.StorageDescriptor?.SerdeInfo?.Parameters, { "field.delim": ";" });
    });

    test("ignores folder markers, empty objects and hidden files such as _SUCCESS", async () => {
      const bucket = uniqueBucket();
      await putObjects(emulator.s3, bucket, {
        "hid/": "",
        "hid/_SUCCESS": "not json at all",
        "hid/.part.crc": "garbage",
        "hid/empty.json": "",
        "hid/data.json": '{"only":"this"}\n',
      });
      const database = await createDatabase(glue);
      await crawl(glue, database, `s3://${bucket}/hid/`);
      const { Table } = await glue.send(new GetTableCommand({ DatabaseName: database, Name: "hid" }));
      assert.deepEqual(columnsOf(Table), { only: "string" });
      assert.equal(Table?.Parameters?.["objectCount"], "1");
    });

    test("makes no table from objects no classifier recognises", async () => {
      const bucket = uniqueBucket();
      await putObjects(emulator.s3, bucket, { "bin/blob": new Uint8Array([0, 1, 2, 3, 255, 254]) });
      const database = await createDatabase(glue);
      const { crawler } = await crawl(glue, database, `s3://${bucket}/bin`);
      assert.equal(crawler.LastCrawl?.Status, "SUCCEEDED");
      const { TableList } = await glue.send(new GetTablesCommand({ DatabaseName: database }));
      assert.deepEqual(TableList, []);
    });

    test("makes one table per top-level folder when their schemas differ, as beside Firehose's error output", async () => {
      const bucket = uniqueBucket();
      await putObjects(emulator.s3, bucket, {
        "data/2026/11/28/06/a": newlineDelimited([record(1)]),
        "errors/2026/11/28/06/b": newlineDelimited([{ attemptsMade: 4, arrivalTimestamp: 1795850000000, errorCode: "S3.AccessDenied", errorMessage: "denied", rawData: "eyJ9" }]),
      });
      const database = await createDatabase(glue);
      await crawl(glue, database, `s3://${bucket}`);
      const { TableList } = await glue.send(new GetTablesCommand({ DatabaseName: database }));
      assert.deepEqual(
        TableList?.map((table) => [table.Name, table.StorageDescriptor?.Location, table.PartitionKeys?.length]),
        [
          ["data", `s3://${bucket}/data/`, 4],
          ["errors", `s3://${bucket}/errors/`, 4],
        ],
      );
      assert.deepEqual(Object.keys(columnsOf(TableList![0])), ["idtemp", "dado", "tipo", "timestamp"]);
    });

    test("keeps top-level folders of one schema in one table, as year folders", async () => {
      const bucket = uniqueBucket();
      await putObjects(emulator.s3, bucket, {
        "2026/12/31/23/a": newlineDelimited([record(1)]),
        "2027/01/01/00/b": newlineDelimited([{ ...record(2), gpu: "1" }]),
      });
      const database = await createDatabase(glue);
      await crawl(glue, database, `s3://${bucket}`);
      const { TableList } = await glue.send(new GetTablesCommand({ DatabaseName: database }));
      assert.deepEqual(TableList?.map((table) => table.Name), [bucket.replace(/-/g, "_")]);
      const { Partitions } = await glue.send(new GetPartitionsCommand({ DatabaseName: database, TableName: bucket.replace(/-/g, "_") }));
      assert.deepEqual(sortedValues(Partitions), ["2026/12/31/23", "2027/01/01/00"]);
    });

    test("names key=value folders by their key and registers their values", async () => {
      const bucket = uniqueBucket();
      await putObjects(emulator.s3, bucket, {
        "kv/year=2026/month=11/a.json": newlineDelimited([record(1)]),
        "kv/year=2026/month=12/b.json": newlineDelimited([record(2)]),
      });
      const database = await createDatabase(glue);
      await crawl(glue, database, `s3://${bucket}/kv`);
      const { Table } = await glue.send(new GetTableCommand({ DatabaseName: database, Name: "kv" }));
      assert.deepEqual(Table?.PartitionKeys?.map((key) => key.Name), ["year", "month"]);
      const { Partitions } = await glue.send(new GetPartitionsCommand({ DatabaseName: database, TableName: "kv" }));
      assert.deepEqual(sortedValues(Partitions), ["2026/11", "2026/12"]);
      assert.deepEqual(
        Partitions?.map((partition) => partition.StorageDescriptor?.Location).sort(),
        [`s3://${bucket}/kv/year=2026/month=11/`, `s3://${bucket}/kv/year=2026/month=12/`],
      );
    });

    test("leaves out objects matching an exclusion pattern", async () => {
      const bucket = uniqueBucket();
      await putObjects(emulator.s3, bucket, {
        "ex/a.json": newlineDelimited([{ kept: "yes" }]),
        "ex/skip/b.json": newlineDelimited([{ excluded: "yes" }]),
      });
      const database = await createDatabase(glue);
      const { crawler } = await crawl(glue, database, `s3://${bucket}/ex`, { Targets: { S3Targets: [{ Path: `s3://${bucket}/ex`, Exclusions: ["skip/**"] }] } });
      assert.equal(crawler.LastCrawl?.Status, "SUCCEEDED");
      const { Table } = await glue.send(new GetTableCommand({ DatabaseName: database, Name: "ex" }));
      assert.deepEqual(columnsOf(Table), { kept: "string" });
    });

    test("adds new partitions and new columns on a second run without breaking the table", async () => {
      const bucket = uniqueBucket();
      await putObjects(emulator.s3, bucket, { "2026/11/28/06/a": newlineDelimited([record(1)]) });
      const database = await createDatabase(glue);
      const { name } = await crawl(glue, database, `s3://${bucket}`);
      const tableName = bucket.replace(/-/g, "_");
      await putObjects(emulator.s3, bucket, { "2026/11/28/07/b": newlineDelimited([{ ...record(2), gpu: "0" }]) });
      const crawler = await recrawl(glue, name);
      assert.equal(crawler.LastCrawl?.Status, "SUCCEEDED");
      const { Table } = await glue.send(new GetTableCommand({ DatabaseName: database, Name: tableName }));
      assert.deepEqual(Object.keys(columnsOf(Table)), ["idtemp", "dado", "tipo", "timestamp", "gpu"]);
      assert.equal(Table?.PartitionKeys?.length, 4);
      const { Partitions } = await glue.send(new GetPartitionsCommand({ DatabaseName: database, TableName: tableName }));
      assert.deepEqual(sortedValues(Partitions), ["2026/11/28/06", "2026/11/28/07"]);
      const { CrawlerMetricsList } = await glue.send(new GetCrawlerMetricsCommand({ CrawlerNameList: [name] }));
      assert.equal(CrawlerMetricsList?.[0]?.TablesUpdated, 1);
      assert.equal(CrawlerMetricsList?.[0]?.TablesCreated, 0);
    });

    test("with UpdateBehavior LOG keeps the columns but still adds partitions", async () => {
      const bucket = uniqueBucket();
      await putObjects(emulator.s3, bucket, { "2026/11/28/06/a": newlineDelimited([record(1)]) });
      const database = await createDatabase(glue);
      const { name } = await crawl(glue, database, `s3://${bucket}`, { SchemaChangePolicy: { UpdateBehavior: "LOG", DeleteBehavior: "LOG" } });
      await putObjects(emulator.s3, bucket, { "2026/11/28/07/b": newlineDelimited([{ ...record(2), gpu: "0" }]) });
      await recrawl(glue, name);
      const tableName = bucket.replace(/-/g, "_");
      const { Table } = await glue.send(new GetTableCommand({ DatabaseName: database, Name: tableName }));
      assert.deepEqual(Object.keys(columnsOf(Table)), ["idtemp", "dado", "tipo", "timestamp"]);
      const { Partitions } = await glue.send(new GetPartitionsCommand({ DatabaseName: database, TableName: tableName }));
      assert.deepEqual(sortedValues(Partitions), ["2026/11/28/06", "2026/11/28/07"]);
    });

    test("with DeleteBehavior DELETE_FROM_DATABASE drops partitions whose folders are gone", async () => {
      const bucket = uniqueBucket();
      await putObjects(emulator.s3, bucket, { "2026/11/28/06/a": newlineDelimited([record(1)]), "2026/11/28/07/b": newlineDelimited([record(2)]) });
      const database = await createDatabase(glue);
      const { name } = await crawl(glue, database, `s3://${bucket}`, { SchemaChangePolicy: { UpdateBehavior: "UPDATE_IN_DATABASE", DeleteBehavior: "DELETE_FROM_DATABASE" } });
      const { DeleteObjectCommand } = await import("@aws-sdk/client-s3");
      await emulator.s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: "2026/11/28/07/b" }));
      await recrawl(glue, name);
      const { Partitions } = await glue.send(new GetPartitionsCommand({ DatabaseName: database, TableName: bucket.replace(/-/g, "_") }));
      assert.deepEqual(sortedValues(Partitions), ["2026/11/28/06"]);
    });

    // Glue's CSV classifier types integers bigint, its JSON classifier int when they fit in 32 bits:
    // https://docs.aws.amazon.com/glue/latest/dg/aws-glue-programming-python-samples-medicaid.html (CSV: bigint)
    // https://docs.aws.amazon.com/glue/latest/dg/crawler-grouping-policy.html ({"A": 1, "B": 2} -> A:int, B:int)
    test("types small integers bigint in a CSV file but int in a JSON file", async () => {
      const bucket = uniqueBucket();
      await putObjects(emulator.s3, bucket, {
        "csv/readings.csv": "idtemp,watts,tipo\n1,250,energia\n2,-7,uso\n",
        "json/readings.json": newlineDelimited([{ idtemp: 1, watts: 250, tipo: "energia" }, { idtemp: 2, watts: -7, tipo: "uso" }]),
      });
      const database = await createDatabase(glue);
      await crawl(glue, database, `s3://${bucket}/csv`, { Targets: { S3Targets: [{ Path: `s3://${bucket}/csv` }, { Path: `s3://${bucket}/json` }] } });
      const { TableList } = await glue.send(new GetTablesCommand({ DatabaseName: database }));
      assert.deepEqual(
        TableList?.map((table) => [table.Name, columnsOf(table)]),
        [
          ["csv", { idtemp: "bigint", watts: "bigint", tipo: "string" }],
          ["json", { idtemp: "int", watts: "int", tipo: "string" }],
        ],
      );
    });

    // The legislators data set: files of unrelated schemas in one folder become persons_json, memberships_json...
    // https://docs.aws.amazon.com/glue/latest/dg/aws-glue-programming-python-samples-legislators.html
    // https://repost.aws/questions/QUVr5auLrETBu518biHn45XA/csv-crawler-tables-name
    test("makes one table per file, named after the file, when the files of a folder have unrelated schemas", async () => {
      const bucket = uniqueBucket();
      await putObjects(emulator.s3, bucket, {
        "us-legislators/all/persons.json": newlineDelimited([{ id: "p1", name: "Joseph Biden, Jr.", gender: "male", birth_date: "1942-11-20" }]),
        "us-legislators/all/memberships.json": newlineDelimited([{ person_id: "p1", organization_id: "o1", start_date: "1973-01-03", legislative_period_id: "t93" }]),
        "us-legislators/all/Organizations.JSON": newlineDelimited([{ classification: "party", identifiers: [{ scheme: "wikidata", identifier: "Q29552" }], seats: 0 }]),
      });
      const database = await createDatabase(glue);
      const { name } = await crawl(glue, database, `s3://${bucket}/us-legislators`);
      const { TableList } = await glue.send(new GetTablesCommand({ DatabaseName: database }));
      assert.deepEqual(
        TableList?.map((table) => [table.Name, table.StorageDescriptor?.Location, table.PartitionKeys?.length, table.Parameters?.["objectCount"]]),
        [
          ["memberships_json", `s3://${bucket}/us-legislators/all/memberships.json`, 0, "1"],
          ["organizations_json", `s3://${bucket}/us-legislators/all/Organizations.JSON`, 0, "1"],
          ["persons_json", `s3://${bucket}/us-legislators/all/persons.json`, 0, "1"],
        ],
      );
      assert.deepEqual(columnsOf(TableList![0]), { person_id: "string", organization_id: "string", start_date: "string", legislative_period_id: "string" });
      assert.deepEqual(columnsOf(TableList![1]), { classification: "string", identifiers: "array<struct<scheme:string,identifier:string>>", seats: "int" });

      const crawler = await recrawl(glue, name);
      assert.equal(crawler.LastCrawl?.Status, "SUCCEEDED");
      const { CrawlerMetricsList } = await glue.send(new GetCrawlerMetricsCommand({ CrawlerNameList: [name] }));
      assert.deepEqual([CrawlerMetricsList?.[0]?.TablesCreated, CrawlerMetricsList?.[0]?.TablesUpdated], [0, 3]);
    });

    // "When the majority of schemas at a folder level are similar, the crawler creates partitions of a table":
    // https://docs.aws.amazon.com/glue/latest/dg/crawler-s3-folder-table-partition.html; the threshold, 70%:
    // https://repost.aws/knowledge-center/glue-crawler-detect-schema (the similarity measure is the emulator's).
    test("keeps a folder as one table when more than 70% of its files share a schema, with every file's columns", async () => {
      const bucket = uniqueBucket();
      await putObjects(emulator.s3, bucket, {
        "mostly/a.json": newlineDelimited([record(1)]),
        "mostly/b.json": newlineDelimited([record(2)]),
        "mostly/c.json": newlineDelimited([record(3)]),
        "mostly/d.json": newlineDelimited([{ ...record(4), gpu: "0" }]),
        "mostly/e.json": newlineDelimited([{ note: "an unrelated record" }]),
      });
      const database = await createDatabase(glue);
      await crawl(glue, database, `s3://${bucket}/mostly`);
      const { TableList } = await glue.send(new GetTablesCommand({ DatabaseName: database }));
      assert.deepEqual(TableList?.map((table) => [table.Name, table.StorageDescriptor?.Location]), [["mostly", `s3://${bucket}/mostly/`]]);
      assert.deepEqual(Object.keys(columnsOf(TableList![0])), ["idtemp", "dado", "tipo", "timestamp", "gpu", "note"]);
    });

    // The developer guide's own example: year=2017 {"A":1,"B":2} and year=2018 {"C":3,"D":4}.
    // https://docs.aws.amazon.com/glue/latest/dg/crawler-grouping-policy.html
    test("makes tables year_2017 and year_2018 of partition folders whose schemas are not similar", async () => {
      const bucket = uniqueBucket();
      await putObjects(emulator.s3, bucket, { "table1/year=2017/data1.json": '{"A": 1, "B": 2}\n', "table1/year=2018/data2.json": '{"C": 3, "D": 4}\n' });
      const database = await createDatabase(glue);
      await crawl(glue, database, `s3://${bucket}/table1/`);
      const { TableList } = await glue.send(new GetTablesCommand({ DatabaseName: database }));
      assert.deepEqual(
        TableList?.map((table) => [table.Name, table.StorageDescriptor?.Location, columnsOf(table), table.PartitionKeys]),
        [
          ["year_2017", `s3://${bucket}/table1/year=2017/`, { a: "int", b: "int" }, []],
          ["year_2018", `s3://${bucket}/table1/year=2018/`, { c: "int", d: "int" }, []],
        ],
      );
    });

    test("with TableGroupingPolicy CombineCompatibleSchemas makes one table of them, partitioned by year", async () => {
      const bucket = uniqueBucket();
      await putObjects(emulator.s3, bucket, { "table1/year=2017/data1.json": '{"A": 1, "B": 2}\n', "table1/year=2018/data2.json": '{"C": 3, "D": 4}\n' });
      const database = await createDatabase(glue);
      await crawl(glue, database, `s3://${bucket}/table1/`, { Configuration: COMBINE_COMPATIBLE_SCHEMAS });
      const { TableList } = await glue.send(new GetTablesCommand({ DatabaseName: database }));
      assert.deepEqual(
        TableList?.map((table) => [table.Name, columnsOf(table), table.PartitionKeys]),
        [["table1", { a: "int", b: "int", c: "int", d: "int" }, [{ Name: "year", Type: "string" }]]],
      );
      const { Partitions } = await glue.send(new GetPartitionsCommand({ DatabaseName: database, TableName: "table1" }));
      assert.deepEqual(sortedValues(Partitions), ["2017", "2018"]);
    });

    // "With this option, the crawler still considers data compatibility": format and compression.
    // https://docs.aws.amazon.com/glue/latest/dg/crawler-grouping-policy.html
    test("with CombineCompatibleSchemas still makes a table per file of files in different formats or compressions", async () => {
      const bucket = uniqueBucket();
      await putObjects(emulator.s3, bucket, {
        "mixed/readings.json": newlineDelimited([record(1)]),
        "mixed/readings.csv": "idtemp,dado,tipo,timestamp\n2,36.2,energia,2026-11-28 06:29:12\n3,36.3,energia,2026-11-28 06:29:13\n",
        "mixed/older.json.gz": gzipSync(newlineDelimited([record(4)])),
      });
      const database = await createDatabase(glue);
      await crawl(glue, database, `s3://${bucket}/mixed`, { Configuration: COMBINE_COMPATIBLE_SCHEMAS });
      const { TableList } = await glue.send(new GetTablesCommand({ DatabaseName: database }));
      assert.deepEqual(
        TableList?.map((table) => [table.Name, table.Parameters?.["classification"], table.Parameters?.["compressionType"]]),
        [
          ["older_json_gz", "json", "gzip"],
          ["readings_csv", "csv", "none"],
          ["readings_json", "json", "none"],
        ],
      );
    });

    // "If duplicate table names are encountered, the crawler adds a hash string suffix to the name":
    // https://docs.aws.amazon.com/glue/latest/dg/crawler-running.html (the suffix's form is the emulator's).
    test("adds a hash suffix to a table name already taken, the same on every crawl", async () => {
      const bucket = uniqueBucket();
      await putObjects(emulator.s3, bucket, {
        "a/x.json": newlineDelimited([{ left: 1 }]),
        "a/y.json": newlineDelimited([{ right: "r" }]),
        "b/x.json": newlineDelimited([{ up: true }]),
        "b/y.json": newlineDelimited([{ down: 2.5 }]),
      });
      const database = await createDatabase(glue);
      const { name } = await crawl(glue, database, `s3://${bucket}`);
      const names = async (): Promise<(string | undefined)[][]> =>
        ((await glue.send(new GetTablesCommand({ DatabaseName: database }))).TableList ?? []).map((table) => [table.Name, table.StorageDescriptor?.Location]).sort((l, r) => String(l[1]).localeCompare(String(r[1])));
      const first = await names();
      assert.deepEqual(
        first.map(([table]) => table),
        ["x_json", "y_json", first[2]![0], first[3]![0]],
      );
      assert.match(first[2]![0]!, /^x_json_[0-9a-f]{8}$/);
      assert.match(first[3]![0]!, /^y_json_[0-9a-f]{8}$/);
      assert.deepEqual(first.map(([, location]) => location), [`s3://${bucket}/a/x.json`, `s3://${bucket}/a/y.json`, `s3://${bucket}/b/x.json`, `s3://${bucket}/b/y.json`]);
      await recrawl(glue, name);
      assert.deepEqual(await names(), first);
    });

    // "When you specify a Table level, the table is created at that absolute level from the Amazon S3 bucket":
    // https://docs.aws.amazon.com/glue/latest/dg/crawler-table-level.html
    test("with TableLevelConfiguration 2 makes a table of each top-level folder, the folders below as partitions", async () => {
      const bucket = uniqueBucket();
      await putObjects(emulator.s3, bucket, {
        "sales/year=2019/month=Jan/a.json": newlineDelimited([record(1)]),
        "sales/year=2019/month=Feb/b.json": newlineDelimited([record(2)]),
      });
      const database = await createDatabase(glue);
      await crawl(glue, database, `s3://${bucket}`, { Configuration: JSON.stringify({ Version: 1.0, Grouping: { TableLevelConfiguration: 2 } }) });
      const { TableList } = await glue.send(new GetTablesCommand({ DatabaseName: database }));
      assert.deepEqual(
        TableList?.map((table) => [table.Name, table.StorageDescriptor?.Location, table.PartitionKeys?.map((key) => key.Name)]),
        [["sales", `s3://${bucket}/sales/`, ["year", "month"]]],
      );
      const { Partitions } = await glue.send(new GetPartitionsCommand({ DatabaseName: database, TableName: "sales" }));
      assert.deepEqual(sortedValues(Partitions), ["2019/Feb", "2019/Jan"]);
    });
  });
});
