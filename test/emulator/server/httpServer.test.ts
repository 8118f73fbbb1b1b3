import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { once } from "node:events";
import { request, type IncomingMessage } from "node:http";
import { connect } from "node:net";
import { useTestEmulator, type TestEmulator } from "../../support/testEmulator";

async function readAll(response: IncomingMessage): Promise<string> {
  let text = "";
  for await (const chunk of response) {
    text += String(chunk);
  }
  return text;
}

describe("the emulator's server", () => {
  let emulator: TestEmulator;
  let port: number;

  useTestEmulator((started) => {
    emulator = started;
    port = emulator.emulator.port;
  });

  async function post(target: string | undefined, body: string, contentType = "application/x-amz-json-1.1"): Promise<{ status: number; headers: IncomingMessage["headers"]; body: string }> {
    const response = await fetch(emulator.emulator.url, {
      method: "POST",
      headers: { "content-type": contentType, ...(target === undefined ? {} : { "x-amz-target": target }) },
      body,
    });
    return { status: response.status, headers: Object.fromEntries(response.headers), body: await response.text() };
  }

  describe("JSON requests", () => {
    test("answers an unknown target with UnknownOperationException naming it", async () => {
      const answer = await post("Nonsense_20990101.DoThings", "{}");
      assert.equal(answer.status, 400);
      assert.deepEqual(JSON.parse(answer.body), { __type: "UnknownOperationException", message: "No service answers the target 'Nonsense_20990101.DoThings'" });
    });

    test("answers an operation of the real API that is not written with 501 naming service and operation", async () => {
      const answer = await post("Kinesis_20131202.EnableEnhancedMonitoring", "{}");
      assert.equal(answer.status, 501);
      assert.match(JSON.parse(answer.body).message, /Kinesis operation EnableEnhancedMonitoring is not implemented/);
    });

    test("answers a body that is not JSON with SerializationException and the error type header", async () => {
      const answer = await post("Kinesis_20131202.ListStreams", "{not json");
      assert.equal(answer.status, 400);
      assert.equal(JSON.parse(answer.body).__type, "SerializationException");
      assert.match(String(answer.headers["x-amzn-errortype"]), /^SerializationException:/);
    });

    test("answers a wrong content type before reading the body", async () => {
      // Firehose: Kinesis reads any Content-Type but JSON as CBOR (emulator/kinesis/coralProtocol.test.ts).
      const answer = await post("Firehose_20150804.ListDeliveryStreams", "{}", "text/plain");
      assert.equal(answer.status, 400);
      assert.match(JSON.parse(answer.body).message, /Unsupported Content-Type 'text\/plain'/);
    });

    test("refuses a body over the service's limit with 413", async () => {
      const answer = await post("Kinesis_20131202.PutRecords", "x".repeat(9 * 1024 * 1024));
      assert.equal(answer.status, 413);
      assert.equal(JSON.parse(answer.body).__type, "RequestEntityTooLarge");
    });
  });

  describe("connections", () => {
    test("serves health on the emulator's own path", async () => {
      const response = await fetch(`${emulator.emulator.url}/_emulator/health`);
      assert.equal(response.status, 200);
      assert.equal(((await response.json()) as { status: string }).status, "ok");
    });

    test("survives protocol garbage and serves the next request", async () => {
      for (const garbage of ["PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n\u0000\u0000\u0004garbage", "NOT-HTTP \u0000\u0001\u0002\r\n\r\n", "P"]) {
        const socket = connect(port, "127.0.0.1");
        await once(socket, "connect");
        socket.resume();
        socket.end(garbage);
        await once(socket, "close");
      }
      const response = await fetch(`${emulator.emulator.url}/_emulator/health`);
      assert.equal(response.status, 200);
    });

    test("refuses an upload to a missing bucket before the client sends its body (Expect: 100-continue)", async () => {
      const put = request({ host: "127.0.0.1", port, method: "PUT", path: "/no-such-bucket-here/key", headers: { expect: "100-continue", "content-length": 5 } });
      let continued = false;
      put.on("continue", () => {
        continued = true;
        put.end("hello");
      });
      put.flushHeaders();
      const [response] = (await once(put, "response")) as [IncomingMessage];
      assert.equal(response.statusCode, 404);
      assert.match(await readAll(response), /<Code>NoSuchBucket<\/Code>/);
      assert.equal(continued, false);
      put.destroy();
    });

    test("says continue when the bucket exists and stores the body", async () => {
      await fetch(`${emulator.emulator.url}/continue-bucket`, { method: "PUT" });
      const put = request({ host: "127.0.0.1", port, method: "PUT", path: "/continue-bucket/key", headers: { expect: "100-continue", "content-length": 5 } });
      put.on("continue", () => put.end("hello"));
      put.flushHeaders();
      const [response] = (await once(put, "response")) as [IncomingMessage];
      await readAll(response);
      assert.equal(response.statusCode, 200);
      assert.equal(await (await fetch(`${emulator.emulator.url}/continue-bucket/key`)).text(), "hello");
    });
  });
});
