import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { KinesisClient, ListStreamsCommand } from "@aws-sdk/client-kinesis";
import { CreateBucketCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { rawRequest, type RawResponse } from "../../support/rawHttp";
import { clientConfig, useTestEmulator, type TestEmulator } from "../../support/testEmulator";

const PAGE = "http://127.0.0.1:3000";
const KEY = { accessKeyId: "AKIDCORS", secretAccessKey: "cors/secret" };

function listStreams(url: string, headers: Record<string, string>): Promise<RawResponse> {
  return rawRequest(url, {
    method: "POST",
    path: "/",
    headers: { "x-amz-target": "Kinesis_20131202.ListStreams", "content-type": "application/x-amz-json-1.1", ...headers },
    body: "{}",
  });
}

/** A Kinesis client whose requests carry `Origin`, as the SDK's in a browser page do (added before signing). */
function kinesisFromPage(url: string, credentials = KEY): KinesisClient {
  const client = new KinesisClient({ ...clientConfig(url), credentials, requestHandler: new NodeHttpHandler() });
  client.middlewareStack.add(
    (next) => async (args) => {
      (args.request as { headers: Record<string, string> }).headers["origin"] = PAGE;
      return next(args);
    },
    { step: "build", name: "pageOrigin" },
  );
  return client;
}

describe("cross-origin requests", () => {
  describe("the emulator's own endpoints", () => {
    let emulator: TestEmulator;
    useTestEmulator((started) => void (emulator = started));

    test("refuse another origin with 403, Firehose flush included", async () => {
      const health = await rawRequest(emulator.emulator.url, { method: "GET", path: "/_emulator/health", headers: { origin: PAGE } });
      assert.equal(health.status, 403);
      assert.match(JSON.parse(health.body.toString()).message, /cross-origin request from the origin http:\/\/127\.0\.0\.1:3000 refused/);
      const flush = await rawRequest(emulator.emulator.url, { method: "POST", path: "/_emulator/firehose/flush", headers: { origin: PAGE, "content-type": "text/plain" } });
      assert.equal(flush.status, 403);
      const buffers = await rawRequest(emulator.emulator.url, { method: "GET", path: "/_emulator/firehose/buffers", headers: { "sec-fetch-site": "same-site" } });
      assert.equal(buffers.status, 403);
      const opaque = await rawRequest(emulator.emulator.url, { method: "POST", path: "/_emulator/firehose/flush", headers: { origin: "null" } });
      assert.equal(opaque.status, 403);
    });

    test("answer their own origin, a typed URL and clients without Origin", async () => {
      const cases: Record<string, string>[] = [{ origin: new URL(emulator.emulator.url).origin }, { "sec-fetch-site": "none" }, { "sec-fetch-site": "same-origin" }, {}];
      for (const headers of cases) {
        const health = await rawRequest(emulator.emulator.url, { method: "GET", path: "/_emulator/health", headers });
        assert.equal(health.status, 200, JSON.stringify(headers));
      }
    });

    test("compare the origin with the Host the client addressed, so localhost is its own origin too", async () => {
      const port = new URL(emulator.emulator.url).port;
      const health = await rawRequest(emulator.emulator.url, { method: "GET", path: "/_emulator/health", headers: { host: `localhost:${port}`, origin: `http://localhost:${port}` } });
      assert.equal(health.status, 200);
      const otherPort = await rawRequest(emulator.emulator.url, { method: "GET", path: "/_emulator/health", headers: { host: `localhost:${port}`, origin: `http://127.0.0.1:${port}` } });
      assert.equal(otherPort.status, 403);
    });
  });

  describe("JSON services without credentials", () => {
    let emulator: TestEmulator;
    useTestEmulator((started) => void (emulator = started));

    test("refuse another origin with 403 AccessDeniedException, in the service's error shape", async () => {
      const response = await listStreams(emulator.emulator.url, { origin: PAGE });
      assert.equal(response.status, 403);
      assert.equal(response.headers["x-amzn-errortype"], "AccessDeniedException:http://internal.amazon.com/coral/com.amazonaws.kinesis/");
      assert.equal(JSON.parse(response.body.toString()).__type, "AccessDeniedException");
      assert.equal(response.headers["access-control-allow-origin"], undefined);
    });

    test("refuse a preflight for X-Amz-Target, so a page cannot send the request at all", async () => {
      const response = await rawRequest(emulator.emulator.url, {
        method: "OPTIONS",
        path: "/",
        headers: { origin: PAGE, "access-control-request-method": "POST", "access-control-request-headers": "content-type,x-amz-target" },
      });
      assert.equal(response.status, 403);
      assert.equal(response.headers["access-control-allow-origin"], undefined);
    });

    test("still answer the SDK, which sends no Origin, and the emulator's own origin", async () => {
      assert.deepEqual((await emulator.kinesis.send(new ListStreamsCommand({}))).StreamNames, []);
      assert.equal((await listStreams(emulator.emulator.url, { origin: new URL(emulator.emulator.url).origin })).status, 200);
    });
  });

  describe("JSON services with credentials", () => {
    let emulator: TestEmulator;
    useTestEmulator((started) => void (emulator = started), { credentials: [KEY] });

    test("answer a preflight, unsigned, with any origin, the requested headers and a max age", async () => {
      const response = await rawRequest(emulator.emulator.url, {
        method: "OPTIONS",
        path: "/",
        headers: { origin: PAGE, "access-control-request-method": "POST", "access-control-request-headers": "content-type,x-amz-target,x-amz-date,authorization" },
      });
      assert.equal(response.status, 200);
      assert.equal(response.headers["access-control-allow-origin"], "*");
      assert.equal(response.headers["access-control-allow-headers"], "content-type,x-amz-target,x-amz-date,authorization");
      assert.match(String(response.headers["access-control-allow-methods"]), /POST/);
      assert.equal(response.headers["access-control-max-age"], "172800");
    });

    test("serve a signed request from another origin, readable by its page", async () => {
      const client = kinesisFromPage(emulator.emulator.url);
      try {
        const answer = await client.send(new ListStreamsCommand({}));
        assert.deepEqual(answer.StreamNames, []);
      } finally {
        client.destroy();
      }
      const unsigned = await listStreams(emulator.emulator.url, { origin: PAGE });
      assert.equal(unsigned.status, 400);
      assert.equal(JSON.parse(unsigned.body.toString()).__type, "MissingAuthenticationTokenException");
      assert.equal(unsigned.headers["access-control-allow-origin"], "*");
      assert.match(String(unsigned.headers["access-control-expose-headers"]), /x-amzn-RequestId/);
    });

    test("still refuse another origin at the emulator's own endpoints", async () => {
      const flush = await rawRequest(emulator.emulator.url, { method: "POST", path: "/_emulator/firehose/flush", headers: { origin: PAGE } });
      assert.equal(flush.status, 403);
    });

    test("answer an S3 preflight without a signature", async () => {
      const response = await rawRequest(emulator.emulator.url, { method: "OPTIONS", path: "/some-bucket/key", headers: { origin: PAGE, "access-control-request-method": "GET" } });
      assert.equal(response.status, 403);
      assert.match(response.body.toString(), /<Code>AccessForbidden<\/Code>/);
    });
  });

  describe("objects a browser would run (a deliberate difference from S3)", () => {
    let emulator: TestEmulator;
    useTestEmulator(async (started) => {
      emulator = started;
      await emulator.s3.send(new CreateBucketCommand({ Bucket: "active-content" }));
      for (const [key, type] of [
        ["page.html", "text/html; charset=utf-8"],
        ["image.svg", "image/svg+xml"],
        ["feed.atom", "application/atom+xml"],
        ["doc.xml", "text/xml"],
        ["script.js", "text/javascript"],
        ["unknown", "unknown/unknown"],
        ["data.json", "application/json"],
        ["notes.txt", "text/plain"],
        ["picture.png", "image/png"],
      ] as const) {
        await emulator.s3.send(new PutObjectCommand({ Bucket: "active-content", Key: key, Body: "<html><script>1</script></html>", ContentType: type }));
      }
    });

    const get = (path: string, method = "GET") => rawRequest(emulator.emulator.url, { method, path });

    for (const key of ["page.html", "image.svg", "feed.atom", "doc.xml", "script.js", "unknown"]) {
      test(`serves ${key} sandboxed (CSP sandbox) and unsniffed`, async () => {
        for (const method of ["GET", "HEAD"]) {
          const response = await get(`/active-content/${key}`, method);
          assert.equal(response.status, 200);
          assert.equal(response.headers["content-security-policy"], "sandbox");
          assert.equal(response.headers["x-content-type-options"], "nosniff");
        }
      });
    }

    for (const key of ["data.json", "notes.txt", "picture.png"]) {
      test(`serves ${key} as stored, only unsniffed`, async () => {
        const response = await get(`/active-content/${key}`);
        assert.equal(response.headers["content-security-policy"], undefined);
        assert.equal(response.headers["x-content-type-options"], "nosniff");
      });
    }

    test("sandboxes by the type answered: response-content-type=text/html is sandboxed too", async () => {
      const response = await get("/active-content/notes.txt?response-content-type=text%2Fhtml");
      assert.equal(response.headers["content-type"], "text/html");
      assert.equal(response.headers["content-security-policy"], "sandbox");
      const ranged = await rawRequest(emulator.emulator.url, { method: "GET", path: "/active-content/page.html", headers: { range: "bytes=0-5" } });
      assert.equal(ranged.status, 206);
      assert.equal(ranged.headers["content-security-policy"], "sandbox");
    });
  });
});
