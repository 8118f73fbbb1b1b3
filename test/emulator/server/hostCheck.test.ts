import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { connect as connectHttp2 } from "node:http2";
import { spawnSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CreateStreamCommand, KinesisClient, ListStreamsCommand } from "@aws-sdk/client-kinesis";
import { CreateBucketCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import type * as HostCheckModule from "@gpu-stream/emulator/internal/server/hostCheck";
import { startChildEmulator } from "../../support/childEmulator";
import { rawRequest } from "../../support/rawHttp";
import { clientConfig, useTestEmulator, type TestEmulator } from "../../support/testEmulator";
import { REPO_ROOT } from "../../support/repoRoot";

// DNS rebinding: a page re-points its own name at 127.0.0.1 and reads the emulator as its own origin, the browser
// sending the page's name as Host. The emulator answers only names that reach it legitimately, and 421 otherwise.

const { createHostCheck, hostOfAuthority } = require("@gpu-stream/emulator/internal/server/hostCheck") as typeof HostCheckModule;

const EVIL = "evil.example";
const BUCKET = "host-check";

/** Writes `text` on a new connection and reads until the server closes it or `deadlineMs` passes. */
function rawExchange(port: number, text: string, deadlineMs = 3000): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1");
    let received = "";
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(received);
    }, deadlineMs);
    socket.on("data", (chunk: Buffer) => (received += chunk.toString("latin1")));
    socket.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    socket.on("close", () => {
      clearTimeout(timer);
      resolve(received);
    });
    socket.write(text, "latin1");
  });
}

function statusLine(response: string): string {
  return response.slice(0, response.indexOf("\r\n"));
}

describe("the Host check", () => {
  describe("which names it answers", () => {
    const check = createHostCheck({ listenHost: "127.0.0.1", allowHosts: ["localstack", "Host.Docker.Internal"], machineName: "workstation.lan" });
    const verdict = (host: string) => check.verdict({ hostLines: [host] }).kind;

    test("answers localhost and its subdomains (RFC 6761), any port", () => {
      for (const host of ["localhost", "localhost:4566", "LOCALHOST:1", "bucket.localhost:4566", "bucket.s3.localhost", "localhost."]) {
        assert.equal(verdict(host), "answer", host);
      }
    });

    test("answers IP literals: 127.x.y.z, [::1], a LAN address", () => {
      for (const host of ["127.0.0.1:4566", "127.1.2.3", "[::1]:4566", "[::1]", "192.168.1.20:4566", "0.0.0.0:4566"]) {
        assert.equal(verdict(host), "answer", host);
      }
    });

    test("answers the allowed names and this machine's name, with or without its domain", () => {
      for (const host of ["localstack:4566", "host.docker.internal:4566", "workstation.lan:4566", "workstation"]) {
        assert.equal(verdict(host), "answer", host);
      }
    });

    test("refuses any other name, naming it", () => {
      for (const host of [`${EVIL}:4566`, EVIL, `${EVIL}.`, "localhost.evil.example", "127.0.0.1.evil.example", "localstack.evil.example", "[::1].evil"]) {
        assert.equal(verdict(host), "misdirected", host);
      }
      assert.deepEqual(check.verdict({ hostLines: [`${EVIL}:4566`] }), { kind: "misdirected", name: EVIL });
    });

    test("answers the name it listens on when that is a name", () => {
      const named = createHostCheck({ listenHost: "emulator.internal", machineName: "m" });
      assert.equal(named.verdict({ hostLines: ["emulator.internal:4566"] }).kind, "answer");
      assert.equal(createHostCheck({ listenHost: "::", machineName: "m" }).names.length, 1);
    });

    test("checks :authority (HTTP/2) and an absolute-form target as well as Host", () => {
      assert.equal(check.verdict({ hostLines: [], authority: `${EVIL}:1` }).kind, "misdirected");
      assert.equal(check.verdict({ hostLines: [], authority: "127.0.0.1:1" }).kind, "answer");
      assert.equal(check.verdict({ hostLines: ["localhost"], targetAuthority: EVIL }).kind, "misdirected");
    });

    test("takes a request without any authority (HTTP/1.0): no browser sends one", () => {
      assert.equal(check.verdict({ hostLines: [] }).kind, "answer");
    });

    test("refuses two Host lines (RFC 9112 section 3.2), an empty one, and Host differing from :authority (RFC 9113 section 8.3.1)", () => {
      assert.equal(check.verdict({ hostLines: ["localhost", "localhost"] }).kind, "malformed");
      assert.equal(check.verdict({ hostLines: [""] }).kind, "malformed");
      assert.equal(check.verdict({ hostLines: ["localhost:1"], authority: "127.0.0.1:1" }).kind, "malformed");
      assert.equal(check.verdict({ hostLines: ["localhost:1"], authority: "localhost:2" }).kind, "answer");
    });

    test("compares hosts without the port, in lower case", () => {
      assert.equal(hostOfAuthority("Example.COM:80"), "example.com");
      assert.equal(hostOfAuthority("[::1]:4566"), "[::1]");
      assert.equal(hostOfAuthority("localhost."), "localhost");
    });

    test("words its refusal so a user knows the flag", () => {
      const message = check.misdirectedMessage(EVIL);
      assert.match(message, /--allow-host evil\.example/);
      assert.match(message, /localhost, \*\.localhost, an IP address \(127\.0\.0\.1, \[::1\]\)/);
    });
  });

  describe("in the running emulator", () => {
    let emulator: TestEmulator;
    let port: number;
    const logged: string[] = [];
    const evilHost = (): string => `${EVIL}:${port}`;

    useTestEmulator(
      async (started) => {
        emulator = started;
        port = emulator.emulator.port;
        await emulator.s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
        await emulator.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: "secret.txt", Body: "the secret" }));
      },
      { log: (line) => logged.push(line) },
    );

    test("serves an object to Host localhost and 127.0.0.1 (the control case)", async () => {
      for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `${BUCKET}.localhost:${port}`]) {
        const path = host.startsWith(BUCKET) ? "/secret.txt" : `/${BUCKET}/secret.txt`;
        const response = await rawRequest(emulator.emulator.url, { method: "GET", path, headers: { host } });
        assert.equal(response.status, 200, host);
        assert.equal(response.body.toString(), "the secret");
      }
    });

    test("answers GetObject for another name with 421 and S3's error XML naming the flag", async () => {
      const response = await rawRequest(emulator.emulator.url, { method: "GET", path: `/${BUCKET}/secret.txt`, headers: { host: evilHost() } });
      assert.equal(response.status, 421);
      const body = response.body.toString();
      assert.doesNotMatch(body, /the secret/);
      assert.match(body, /<Code>MisdirectedRequest<\/Code>/);
      assert.match(body, /--allow-host evil\.example/);
    });

    test("refuses ListBuckets, PutObject, a JSON CreateStream and /_emulator/ paths, and changes nothing", async () => {
      assert.equal((await rawRequest(emulator.emulator.url, { method: "GET", path: "/", headers: { host: evilHost() } })).status, 421);
      const put = await rawRequest(emulator.emulator.url, { method: "PUT", path: `/${BUCKET}/planted.txt`, headers: { host: evilHost(), "content-length": 7 }, body: "planted" });
      assert.equal(put.status, 421);
      const create = await rawRequest(emulator.emulator.url, {
        method: "POST",
        path: "/",
        headers: { host: evilHost(), "content-type": "application/x-amz-json-1.1", "x-amz-target": "Kinesis_20131202.CreateStream" },
        body: JSON.stringify({ StreamName: "planted", ShardCount: 1 }),
      });
      assert.equal(create.status, 421);
      assert.equal(create.headers["x-amzn-errortype"], "MisdirectedRequest");
      assert.equal(JSON.parse(create.body.toString()).__type, "MisdirectedRequest");
      for (const [method, path] of [["GET", "/_emulator/health"], ["POST", "/_emulator/firehose/flush"], ["GET", "/_emulator/firehose/buffers"]] as const) {
        const answer = await rawRequest(emulator.emulator.url, { method, path, headers: { host: evilHost() } });
        assert.equal(answer.status, 421, path);
        assert.match(JSON.parse(answer.body.toString()).message, /--allow-host evil\.example/);
      }
      await assert.rejects(emulator.s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: "planted.txt" })), { name: "NotFound" });
      assert.deepEqual((await emulator.kinesis.send(new ListStreamsCommand({}))).StreamNames, []);
    });

    test("answers 421 before reading the body: an upload's bytes are never asked for", async () => {
      const response = await rawExchange(port, `PUT /${BUCKET}/big HTTP/1.1\r\nHost: ${evilHost()}\r\nContent-Length: 100000000\r\nExpect: 100-continue\r\n\r\n`);
      assert.equal(statusLine(response), "HTTP/1.1 421 Misdirected Request");
      assert.doesNotMatch(response, /100 Continue/);
    });

    test("refuses an HTTP/2 request whose :authority names another host", async () => {
      const session = connectHttp2(emulator.emulator.url);
      try {
        const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
          const stream = session.request({ ":path": "/_emulator/health", ":authority": evilHost() });
          let body = "";
          let status = 0;
          stream.on("response", (headers) => (status = Number(headers[":status"])));
          stream.on("data", (chunk: Buffer) => (body += chunk.toString()));
          stream.on("end", () => resolve({ status, body }));
          stream.on("error", reject);
        });
        assert.equal(answer.status, 421);
        assert.match(answer.body, /--allow-host evil\.example/);
      } finally {
        session.close();
      }
    });

    test("answers an HTTP/1.1 request without Host 400 (RFC 9112 section 3.2), and an HTTP/1.0 one", async () => {
      assert.equal(statusLine(await rawExchange(port, "GET /_emulator/health HTTP/1.1\r\nConnection: close\r\n\r\n")), "HTTP/1.1 400 Bad Request");
      assert.equal(statusLine(await rawExchange(port, "GET /_emulator/health HTTP/1.0\r\n\r\n")), "HTTP/1.1 200 OK");
    });

    test("answers two Host lines 400, even if both are allowed", async () => {
      const response = await rawExchange(port, `GET /_emulator/health HTTP/1.1\r\nHost: localhost\r\nHost: ${EVIL}\r\nConnection: close\r\n\r\n`);
      assert.equal(statusLine(response), "HTTP/1.1 400 Bad Request");
      assert.match(response, /more than one Host/);
    });

    test("refuses an absolute-form target naming another host", async () => {
      const response = await rawExchange(port, `GET http://${evilHost()}/_emulator/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
      assert.equal(statusLine(response), "HTTP/1.1 421 Misdirected Request");
    });

    test("logs a refused name once, with the flag", () => {
      const lines = logged.filter((line) => line.includes(`Host '${EVIL}'`));
      assert.equal(lines.length, 1, logged.join("\n"));
      assert.match(lines[0]!, /--allow-host evil\.example/);
    });

    test("serves the SDK at http://localhost: HTTP/2 Kinesis and HTTP/1.1 S3", async () => {
      const config = clientConfig(`http://localhost:${port}`);
      const kinesis = new KinesisClient(config);
      const s3 = new S3Client({ ...config, forcePathStyle: true });
      try {
        await kinesis.send(new CreateStreamCommand({ StreamName: "via-localhost", ShardCount: 1 }));
        assert.deepEqual((await kinesis.send(new ListStreamsCommand({}))).StreamNames, ["via-localhost"]);
        const object = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: "secret.txt" }));
        assert.equal(await object.Body!.transformToString(), "the secret");
      } finally {
        kinesis.destroy();
        s3.destroy();
      }
    });
  });

  describe("with allowHosts", () => {
    let emulator: TestEmulator;
    useTestEmulator(
      async (started) => {
        emulator = started;
        await emulator.s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
        await emulator.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: "shared.txt", Body: "shared" }));
      },
      { allowHosts: [EVIL, "localstack"] },
    );

    test("answers the allowed names on any port, and still refuses others", async () => {
      for (const host of [`${EVIL}:${emulator.emulator.port}`, "localstack:4566", "LocalStack"]) {
        const response = await rawRequest(emulator.emulator.url, { method: "GET", path: `/${BUCKET}/shared.txt`, headers: { host } });
        assert.equal(response.status, 200, host);
        assert.equal(response.body.toString(), "shared");
      }
      assert.equal((await rawRequest(emulator.emulator.url, { method: "GET", path: "/_emulator/health", headers: { host: "other.example" } })).status, 421);
    });
  });

  describe("with credentials configured", () => {
    let emulator: TestEmulator;
    useTestEmulator(
      (started) => {
        emulator = started;
      },
      { credentials: [{ accessKeyId: "test", secretAccessKey: "test" }] },
    );

    test("answers 421 before the signature is checked, and signed SDK calls still work", async () => {
      const response = await rawRequest(emulator.emulator.url, { method: "GET", path: "/", headers: { host: `${EVIL}:${emulator.emulator.port}` } });
      assert.equal(response.status, 421);
      assert.deepEqual((await emulator.kinesis.send(new ListStreamsCommand({}))).StreamNames, []);
    });
  });

  describe("the CLI's --allow-host", () => {
    test("answers each name given, says so at start, and still refuses others", async () => {
      const dataDir = await mkdtemp(join(tmpdir(), "gpu-stream-allow-host-"));
      const child = await startChildEmulator(dataDir, ["--allow-host", "localstack", "--allow-host", "Host.Docker.Internal"]);
      try {
        for (const host of ["localstack:4566", "host.docker.internal"]) {
          assert.equal((await rawRequest(child.url, { method: "GET", path: "/_emulator/health", headers: { host } })).status, 200, host);
        }
        assert.equal((await rawRequest(child.url, { method: "GET", path: "/_emulator/health", headers: { host: EVIL } })).status, 421);
      } finally {
        await child.stop("SIGTERM");
        await rm(dataDir, { recursive: true, force: true });
      }
    });

    test("refuses a URL or a port in place of a name, and lists the flag in --help", () => {
      const cli = join(REPO_ROOT, "emulator", "dist", "cli.js");
      const refused = spawnSync(process.execPath, [cli, "--allow-host", "http://localstack:4566"], { encoding: "utf8" });
      assert.notEqual(refused.status, 0);
      assert.match(refused.stderr, /expected a host name such as localstack/);
      assert.match(spawnSync(process.execPath, [cli, "--help"], { encoding: "utf8" }).stdout, /--allow-host <name>/);
    });
  });
});
