import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { gunzipSync, gzipSync } from "node:zlib";
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { findCrowdedObjects, rewriteNewlineDelimited, splitJsonValues } from "@gpu-stream/shared";
import { useTestEmulator, type TestEmulator } from "../../support/testEmulator";

const record = (id: number): string => JSON.stringify({ idtemp: String(id), dado: "36.2", tipo: "energia", timestamp: `2026-11-28 06:29:${String(id).padStart(2, "0")}.000000` });

describe("splitJsonValues", () => {
  test("splits records written back to back", () => {
    assert.deepEqual(splitJsonValues('{"a":1}{"a":2}{"a":3}'), ['{"a":1}', '{"a":2}', '{"a":3}']);
  });

  test("splits records on lines and separated by spaces alike", () => {
    assert.deepEqual(splitJsonValues('{"a":1}\n{"a":2}  {"a":3}\n'), ['{"a":1}', '{"a":2}', '{"a":3}']);
  });

  test("is not fooled by braces and escaped quotes inside strings", () => {
    assert.deepEqual(splitJsonValues('{"a":"}{\\"}"}{"b":[1,{"c":"]"}]}'), ['{"a":"}{\\"}"}', '{"b":[1,{"c":"]"}]}']);
  });

  test("rejects text that is not JSON, naming the offset", () => {
    assert.throws(() => splitJsonValues('{"a":1}{"a":'), /unterminated JSON value starting at offset 7/);
    assert.throws(() => splitJsonValues('{"a":1} nope'), /not JSON at offset 8/);
  });
});

describe("objects with several records on a line", () => {
  let emulator: TestEmulator;
  const bucket = "crowded";

  useTestEmulator(async (started) => {
    emulator = started;
    await emulator.s3.send(new CreateBucketCommand({ Bucket: bucket }));
    const put = (key: string, body: string | Uint8Array): Promise<unknown> => emulator.s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
    await put("2026/11/28/06/back-to-back", [1, 2, 3].map(record).join(""));
    await put("2026/11/28/06/delimited", `${[4, 5].map(record).join("\n")}\n`);
    await put("2026/11/28/07/back-to-back.gz", gzipSync([6, 7].map(record).join("")));
    await put("other/back-to-back", [8, 9].map(record).join(""));
  });

  const read = async (key: string): Promise<Buffer> =>
    Buffer.from(await (await emulator.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }))).Body!.transformToByteArray());

  test("are found under a prefix, with their records and lines", async () => {
    const crowded = await findCrowdedObjects(emulator.s3, bucket, "2026/");
    assert.deepEqual(crowded, [
      { key: "2026/11/28/06/back-to-back", records: 3, lines: 1 },
      { key: "2026/11/28/07/back-to-back.gz", records: 2, lines: 1 },
    ]);
  });

  test("are rewritten one record per line, keeping compression, and only once", async () => {
    const report = await rewriteNewlineDelimited(emulator.s3, bucket, "2026/");
    assert.equal(report.scanned, 3);
    assert.deepEqual(report.rewritten.map((object) => object.key), ["2026/11/28/06/back-to-back", "2026/11/28/07/back-to-back.gz"]);
    assert.equal((await read("2026/11/28/06/back-to-back")).toString("utf8"), `${[1, 2, 3].map(record).join("\n")}\n`);
    assert.equal(gunzipSync(await read("2026/11/28/07/back-to-back.gz")).toString("utf8"), `${[6, 7].map(record).join("\n")}\n`);
    assert.equal((await read("2026/11/28/06/delimited")).toString("utf8"), `${[4, 5].map(record).join("\n")}\n`);
    assert.equal((await read("other/back-to-back")).toString("utf8"), [8, 9].map(record).join(""), "outside the prefix: untouched");
    assert.deepEqual((await rewriteNewlineDelimited(emulator.s3, bucket, "2026/")).rewritten, []);
    assert.deepEqual(await findCrowdedObjects(emulator.s3, bucket, "2026/"), []);
  });
});
