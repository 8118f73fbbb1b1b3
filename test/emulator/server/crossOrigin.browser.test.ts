import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, test } from "node:test";
import { CreateDeliveryStreamCommand, PutRecordCommand } from "@aws-sdk/client-firehose";
import { CreateBucketCommand, GetObjectCommand, ListMultipartUploadsCommand, PutBucketCorsCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import type { FirehoseBuffersReport } from "@gpu-stream/emulator";
import { inChromiumReaching, skipWithoutChromium, waitInPage } from "../../support/chromium";
import { s3Destination } from "../../support/firehoseTestKit";
import { startTestEmulator, type TestEmulator } from "../../support/testEmulator";

/** A page whose script, if it runs, marks the document and asks the emulator's APIs from the emulator's origin. */
const ACTIVE_PAGE = `<!doctype html><html><head><title>stored</title></head><body><script>
document.title = "script ran";
fetch("/_emulator/health").then((r) => r.text()).then((t) => { document.title = "reached " + t; });
fetch("/").then((r) => r.text()).then((t) => { window.listed = t; });
</script></body></html>`;

/** The finding, from another loopback port: simple requests that need no preflight, then the CORS opt-in at work. */
function attackerPage(emulatorUrl: string): string {
  return `<!doctype html><html><body><script>
window.results = {};
window.run = async () => {
  const base = ${JSON.stringify(emulatorUrl)};
  for (const [name, path] of [["upload", "/page-target/x?uploads"], ["flush", "/_emulator/firehose/flush"]]) {
    try { await fetch(base + path, { method: "POST", mode: "no-cors" }); results[name] = "sent"; } catch (error) { results[name] = String(error); }
  }
  try { await fetch(base + "/page-target/x", { method: "PUT", body: "refused" }); results.refusedPut = "answered"; } catch (error) { results.refusedPut = "blocked"; }
  try {
    const put = await fetch(base + "/page-opted/from-page.txt", { method: "PUT", body: "written by the page", headers: { "content-type": "text/plain" } });
    results.put = put.status;
    const get = await fetch(base + "/page-opted/from-page.txt");
    results.get = await get.text();
    results.etag = get.headers.get("etag");
  } catch (error) { results.put = String(error); }
  results.done = true;
};
</script></body></html>`;
}

describe("cross-origin requests in Chromium", { skip: skipWithoutChromium, timeout: 90_000 }, () => {
  let emulator: TestEmulator;
  let other: Server;
  let otherUrl: string;
  /** Paths the emulator was asked for, with method and status, to show refusals happened server-side. */
  const answered: string[] = [];

  before(async () => {
    emulator = await startTestEmulator();
    other = createServer((request, response) => {
      const page = request.url === "/active" ? ACTIVE_PAGE : attackerPage(emulator.emulator.url);
      response.writeHead(200, { "content-type": "text/html" }).end(page);
    });
    await new Promise<void>((resolve) => other.listen(0, "127.0.0.1", resolve));
    otherUrl = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
    for (const bucket of ["page-target", "page-opted", "active-content", "delivery"]) {
      await emulator.s3.send(new CreateBucketCommand({ Bucket: bucket }));
    }
    await emulator.s3.send(
      new PutBucketCorsCommand({
        Bucket: "page-opted",
        CORSConfiguration: { CORSRules: [{ AllowedOrigins: [otherUrl], AllowedMethods: ["GET", "PUT"], AllowedHeaders: ["*"], ExposeHeaders: ["ETag"] }] },
      }),
    );
    await emulator.s3.send(new PutObjectCommand({ Bucket: "active-content", Key: "page.html", Body: ACTIVE_PAGE, ContentType: "text/html" }));
    await emulator.s3.send(new PutObjectCommand({ Bucket: "active-content", Key: "page.txt", Body: ACTIVE_PAGE, ContentType: "text/plain" }));
    await emulator.firehose.send(new CreateDeliveryStreamCommand({ DeliveryStreamName: "buffered", DeliveryStreamType: "DirectPut", ExtendedS3DestinationConfiguration: s3Destination("delivery") }));
    await emulator.firehose.send(new PutRecordCommand({ DeliveryStreamName: "buffered", Record: { Data: Buffer.from('{"a":1}\n') } }));
  });
  after(async () => {
    await new Promise((resolve) => other?.close(resolve));
    await emulator?.close();
  });

  const buffers = async (): Promise<FirehoseBuffersReport> => (await (await fetch(`${emulator.emulator.url}/_emulator/firehose/buffers`)).json()) as FirehoseBuffersReport;

  test("a page on another port can neither start an upload nor flush Firehose; a bucket's CORS lets it read and write", async () => {
    let results: Record<string, unknown> = {};
    const problems = await inChromiumReaching(`${otherUrl}/`, [emulator.emulator.url], async (page) => {
      page.on("response", (response) => answered.push(`${response.request().method()} ${new URL(response.url()).pathname} ${response.status()}`));
      await page.evaluate("window.run()");
      results = await page.evaluate<Record<string, unknown>>("window.results");
    });
    assert.equal(results["upload"], "sent");
    assert.equal(results["flush"], "sent");
    const uploads = await emulator.s3.send(new ListMultipartUploadsCommand({ Bucket: "page-target" }));
    assert.deepEqual(uploads.Uploads ?? [], []);
    const [stream] = (await buffers()).deliveryStreams;
    assert.equal(stream?.bufferedRecords, 1);
    assert.equal(stream?.objectsDelivered, 0);
    // Both simple POSTs reached the emulator and were refused there.
    assert.ok(answered.includes("POST /page-target/x 403"), answered.join("\n"));
    assert.ok(answered.includes("POST /_emulator/firehose/flush 403"), answered.join("\n"));
    assert.equal(results["refusedPut"], "blocked");
    // The opt-in: the bucket's CORS rule lets the page write and read, and read the exposed ETag.
    assert.equal(results["put"], 200);
    assert.equal(results["get"], "written by the page");
    assert.match(String(results["etag"]), /^"[0-9a-f]{32}"$/);
    const written = await emulator.s3.send(new GetObjectCommand({ Bucket: "page-opted", Key: "from-page.txt" }));
    assert.equal(await written.Body?.transformToString(), "written by the page");
    // Chromium logs the refused requests as console errors; nothing else went wrong.
    assert.deepEqual(problems.filter((problem) => !/403|CORS|Failed to fetch|Failed to load resource/.test(problem)), []);
  });

  test("the same script runs when served as a page elsewhere (the check below can see a script run)", async () => {
    await inChromiumReaching(`${otherUrl}/active`, [], async (page) => {
      await waitInPage(page, `document.title !== "stored"`, 5000);
      assert.match(await page.title(), /script ran|reached/);
    });
  });

  test("an HTML object served by the emulator runs no script and reaches no API", async () => {
    for (const key of ["page.html", "page.txt?response-content-type=text%2Fhtml"]) {
      await inChromiumReaching(`${emulator.emulator.url}/active-content/${key}`, [], async (page) => {
        await new Promise((resolve) => setTimeout(resolve, 500));
        assert.equal(await page.title(), "stored");
        assert.equal(await page.evaluate<unknown>("window.listed"), undefined);
      });
    }
  });
});
