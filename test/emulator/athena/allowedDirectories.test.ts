import assert from "node:assert/strict";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { DuckEngine } from "@gpu-stream/emulator/internal/services/athena/engine/DuckEngine";

// Defence in depth under the front end (which never generates a file function of the user's): DuckDB may read each
// bucket's folder and Athena's work folder, not the S3 service's own state beside the buckets (metadata, journal,
// staging, uploads), nor a bucket's sibling whose name starts alike. The set follows the buckets: a statement after
// a bucket is created (or deleted) runs on a DuckDB reopened with the new set.

describe("Athena's DuckDB may read the buckets' folders and its work folder only", () => {
  let root: string;
  let s3: string;
  let work: string;
  const buckets = new Set(["dados"]);
  let engine: DuckEngine;

  const read = (path: string): Promise<unknown[][]> => engine.run("probe", async (connection) => (await connection.runAndReadAll(`select content from read_text('${path}')`)).getRows());

  before(async () => {
    root = await mkdtemp(join(tmpdir(), "gpu-stream-allowed-"));
    s3 = join(root, "s3");
    work = join(root, "athena", "work");
    for (const folder of ["dados", "dados2", "novo", ".meta/dados/objects/ab", ".journal", ".staging", ".uploads/u1"]) await mkdir(join(s3, folder), { recursive: true });
    await mkdir(work, { recursive: true });
    await writeFile(join(s3, "dados", "objeto.json"), "bucket object\n");
    await writeFile(join(s3, "dados2", "outro.json"), "a sibling bucket's object\n");
    await writeFile(join(s3, "novo", "objeto.json"), "a new bucket's object\n");
    await writeFile(join(s3, ".meta", "dados", "objects", "ab", "ab.json"), '{"key":"objeto.json"}\n');
    await writeFile(join(s3, ".journal", "1.json"), "{}\n");
    await writeFile(join(s3, ".uploads", "u1", "upload.json"), "{}\n");
    await writeFile(join(work, "table-0.json"), "work file\n");
    engine = new DuckEngine(() => [...[...buckets].map((bucket) => join(s3, bucket)), work], join(root, "athena", "spill"));
  });
  after(async () => {
    await engine.close();
    await rm(root, { recursive: true, force: true });
  });

  describe("behaviour", () => {
    test("reads a bucket's object and a work file", async () => {
      assert.deepEqual(await read(join(s3, "dados", "objeto.json")), [["bucket object\n"]]);
      assert.deepEqual(await read(join(work, "table-0.json")), [["work file\n"]]);
    });

    test("reads a bucket created after DuckDB opened, and no longer one deleted since", async () => {
      await assert.rejects(read(join(s3, "novo", "objeto.json")), /Permission Error/);
      buckets.add("novo");
      assert.deepEqual(await read(join(s3, "novo", "objeto.json")), [["a new bucket's object\n"]]);
      buckets.delete("novo");
      await assert.rejects(read(join(s3, "novo", "objeto.json")), /Permission Error/);
    });
  });

  describe("errors", () => {
    for (const [what, path] of [
      ["S3 object metadata", ".meta/dados/objects/ab/ab.json"],
      ["the S3 commit journal", ".journal/1.json"],
      ["a multipart upload", ".uploads/u1/upload.json"],
      ["a sibling bucket whose name starts alike", "dados2/outro.json"],
      ["metadata through '..' from an allowed bucket", "dados/../.meta/dados/objects/ab/ab.json"],
      ["a glob over every bucket", "*/*.json"],
      ["a glob over the state folders", ".*/*.json"],
    ] as const) {
      test(`refuses to read ${what}`, async () => {
        // Not path.join: the '..' must reach DuckDB as written.
        await assert.rejects(read(`${s3}/${path}`), /Permission Error/);
      });
    }
  });
});
