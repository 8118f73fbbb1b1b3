import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { GetPartitionsCommand, GetTableCommand } from "@aws-sdk/client-glue";
import { allRows, createBucket, createDatabase, putText, readS3Text, runFailing, runSucceeding, selectRows, startRefused, useAthenaEmulator, type AthenaTestEmulator } from "../../support/athenaTestKit";

describe("Athena DDL statements", () => {
  let emulator: AthenaTestEmulator;
  const database = "ddl";
  useAthenaEmulator(async (started) => {
    emulator = started;
    await createDatabase(emulator.glue, database);
    await createBucket(emulator, "ddl-data");
    await putText(emulator, "ddl-data", "json/ano=2026/mes=11/a", `{"IdTemp":"1","dado":"36.5","extra":true}\n{"idtemp":"2"}\n`);
    await putText(emulator, "ddl-data", "json/ano=2026/mes=12/b", `{"idtemp":"3","dado":"40"}\n`);
    await putText(emulator, "ddl-data", "csv/readings.csv", `idtemp,dado\n1,36.5\n2,\n`);
  });

  describe("errors", () => {
    // Athena's DDL engine (Hive) words it so; measured on Athena engine v3 (docs/athena-glue.md, "Hive DDL").
    test("fails DROP TABLE of a missing table, and succeeds with IF EXISTS", async () => {
      assert.equal(await runFailing(emulator, "drop table nenhuma", { database }), "FAILED: SemanticException [Error 10001]: Table not found ddl.nenhuma");
      await runSucceeding(emulator, "drop table if exists nenhuma", { database });
    });

    // Athena's DDL takes backticks; double quotes are for SELECT ("Escape reserved keywords in queries",
    // https://docs.aws.amazon.com/athena/latest/ug/reserved-words.html). The refusal's text is measured on engine v3.
    test("refuses a double-quoted name in DROP TABLE at start, and takes backticks", async () => {
      const { message, athenaErrorCode } = await startRefused(emulator, `drop table if exists "dados_tratados"`, { database });
      assert.match(message, /^line 1:22: mismatched input '"dados_tratados"' expecting \{'SELECT', 'FROM', 'ADD', /);
      assert.equal(athenaErrorCode, "MALFORMED_QUERY");
      await runSucceeding(emulator, "drop table if exists `dados_tratados`", { database });
    });

    // Both are refused by StartQueryExecution itself on Athena (measured; docs/athena-glue.md, "Refused at start").
    test("refuses CREATE EXTERNAL TABLE without a location at start", async () => {
      assert.deepEqual(await startRefused(emulator, "create external table semlocal (a string)", { database }), {
        message: "No location was specified for table. An S3 location must be specified",
        athenaErrorCode: "MALFORMED_QUERY",
      });
    });

    test("refuses DESCRIBE of a missing table at start with Glue's EntityNotFoundException text", async () => {
      const { message, athenaErrorCode } = await startRefused(emulator, "describe nenhuma", { database });
      assert.match(message, /^Entity Not Found \(Service: AmazonDataCatalog; Status Code: 400; Error Code: EntityNotFoundException; Request ID: [0-9a-f-]{36}; Proxy: null\)$/);
      assert.equal(athenaErrorCode, "INVALID_INPUT");
    });
  });

  describe("behaviour", () => {
    test("creates a JSON table with Hive DDL, partitions it with MSCK REPAIR TABLE and queries it", async () => {
      const create = await runSucceeding(
        emulator,
        `CREATE EXTERNAL TABLE leituras (\`idtemp\` string, dado double COMMENT 'the reading')
         PARTITIONED BY (ano string, mes int)
         ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe'
         LOCATION 's3://ddl-data/json/'
         TBLPROPERTIES ('has_encrypted_data'='false')`,
        { database },
      );
      assert.equal(create.StatementType, "DDL");
      const { Table } = await emulator.glue.send(new GetTableCommand({ DatabaseName: database, Name: "leituras" }));
      assert.equal(Table?.StorageDescriptor?.SerdeInfo?.SerializationLibrary, "org.openx.data.jsonserde.JsonSerDe");
      assert.deepEqual(Table?.PartitionKeys?.map((key) => [key.Name, key.Type]), [["ano", "string"], ["mes", "int"]]);
      assert.deepEqual((await selectRows(emulator, "select count(*) from leituras", { database })).rows, [["0"]]);

      const repair = await runSucceeding(emulator, "MSCK REPAIR TABLE leituras", { database });
      const repaired = await allRows(emulator.athena, repair.QueryExecutionId!);
      assert.ok(repaired.rows.some((row) => row[0] === "Repair: Added partition to metastore leituras:ano=2026/mes=11"));
      const { Partitions } = await emulator.glue.send(new GetPartitionsCommand({ DatabaseName: database, TableName: "leituras" }));
      assert.deepEqual(Partitions?.map((partition) => partition.Values).sort(), [["2026", "11"], ["2026", "12"]]);

      const { header, rows } = await selectRows(emulator, "select idtemp, dado, ano, mes from leituras order by idtemp", { database });
      assert.deepEqual(header, ["idtemp", "dado", "ano", "mes"]);
      assert.deepEqual(rows, [["1", "36.5", "2026", "11"], ["2", undefined, "2026", "11"], ["3", "40.0", "2026", "12"]]);

      const partitions = await runSucceeding(emulator, "show partitions leituras", { database });
      assert.equal(partitions.StatementType, "UTILITY");
      assert.deepEqual((await allRows(emulator.athena, partitions.QueryExecutionId!)).rows, [["ano=2026/mes=11"], ["ano=2026/mes=12"]]);
    });

    test("creates a CSV table with ROW FORMAT DELIMITED and skip.header.line.count", async () => {
      await runSucceeding(
        emulator,
        `create external table csvtab (idtemp int, dado double) row format delimited fields terminated by ',' location 's3://ddl-data/csv/' tblproperties ('skip.header.line.count'='1')`,
        { database },
      );
      const { rows } = await selectRows(emulator, "select idtemp, dado from csvtab order by idtemp", { database });
      assert.deepEqual(rows, [["1", "36.5"], ["2", undefined]]);
    });

    test("shows databases, tables and columns, and describes a table", async () => {
      await runSucceeding(emulator, "create external table mostrar (a string, b bigint) partitioned by (p string) location 's3://ddl-data/none/'", { database });
      const tables = await runSucceeding(emulator, "show tables", { database });
      assert.ok((await allRows(emulator.athena, tables.QueryExecutionId!)).rows.some((row) => row[0] === "mostrar"));
      const tablesLike = await runSucceeding(emulator, "show tables in ddl 'most*'", { database });
      assert.deepEqual((await allRows(emulator.athena, tablesLike.QueryExecutionId!)).rows, [["mostrar"]]);
      const databases = await runSucceeding(emulator, "show databases", { database });
      assert.ok((await allRows(emulator.athena, databases.QueryExecutionId!)).rows.some((row) => row[0] === "ddl"));
      const columns = await runSucceeding(emulator, "show columns in mostrar", { database });
      // Athena's DDL engine pads each name to 20 characters (measured on engine v3; docs/athena-glue.md, "SHOW and DESCRIBE").
      assert.deepEqual((await allRows(emulator.athena, columns.QueryExecutionId!)).rows, [["a".padEnd(20)], ["b".padEnd(20)], ["p".padEnd(20)]]);
      const description = await runSucceeding(emulator, "describe mostrar", { database });
      const described = (await allRows(emulator.athena, description.QueryExecutionId!)).rows.map((row) => row[0]);
      // Each field right-padded to 20, then the partition section (measured on engine v3; the layout of Athena's DESCRIBE page).
      const row = (...fields: string[]) => fields.map((field) => field.padEnd(20)).join("\t");
      assert.deepEqual(described, [row("a", "string", ""), row("b", "bigint", ""), row("p", "string", ""), "\t \t ", "# Partition Information\t \t ", row("# col_name", "data_type", "comment"), "\t \t ", row("p", "string", "")]);
      const text = await readS3Text(emulator, description.ResultConfiguration!.OutputLocation!);
      assert.ok(description.ResultConfiguration!.OutputLocation!.endsWith(".txt"));
      assert.match(text, /^a\s+\tstring/);
    });

    test("drops a table from the catalog, leaving its data", async () => {
      await runSucceeding(emulator, "create external table apagar (a string) location 's3://ddl-data/csv/'", { database });
      await runSucceeding(emulator, "drop table apagar", { database });
      assert.match(await runFailing(emulator, "select * from apagar", { database }), /^TABLE_NOT_FOUND/);
      assert.match(await readS3Text(emulator, "s3://ddl-data/csv/readings.csv"), /^idtemp,dado/);
    });

    test("creates and drops a database", async () => {
      await runSucceeding(emulator, "create database if not exists novo comment 'x'");
      await runSucceeding(emulator, "create external table novo.t (a string) location 's3://ddl-data/csv/'");
      assert.match(await runFailing(emulator, "drop database novo"), /is not empty/);
      await runSucceeding(emulator, "drop database novo cascade");
      assert.match(await runFailing(emulator, "select * from novo.t"), /^SCHEMA_NOT_FOUND: line 1:15: Schema 'novo' does not exist/);
    });
  });
});
