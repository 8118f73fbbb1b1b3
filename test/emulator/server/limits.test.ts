import { after, before, describe, test, type TestContext } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { request as http1Request } from "node:http";
import { connect as connectHttp2 } from "node:http2";
import { connect, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CreateMultipartUploadCommand, CreateBucketCommand, HeadObjectCommand, ListPartsCommand, S3Client, DeleteObjectCommand, AbortMultipartUploadCommand } from "@aws-sdk/client-s3";
import { CreateStreamCommand, DescribeStreamSummaryCommand, KinesisClient } from "@aws-sdk/client-kinesis";
import { startChildEmulator, type ChildEmulator } from "../../support/childEmulator";
import { rawExchange, type RawStep } from "../../support/fuzzHttp";
import { answeredStream, frame, headerBlock, healthRequest, HTTP2_PREFACE, readFrames } from "../../support/protocolGarbage";
import { residentBytes } from "../../support/processMemory";
import { clientConfig } from "../../support/testEmulator";

// Request size limits hold before a body is buffered: a request announcing more than a service takes is refused
// on its headers, and one streaming more is refused as it passes the limit; an S3 upload streams to a file. The
// emulator runs in a child process so that its memory (VmRSS in /proc) is its own.

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;
/** Kinesis's request limit (emulator/src/services/kinesis/createKinesisService.ts). */
const KINESIS_MAX_BODY = 8 * MiB;
/** S3's limit for one PutObject or UploadPart. */
const S3_MAX_UPLOAD = 5 * GiB;

interface RawAnswer {
  readonly status: number;
  readonly headers: string;
  readonly body: string;
}

/** Parses the first HTTP/1.1 answer in `bytes` (Content-Length framed), if it is all there. */
function parseAnswer(bytes: Buffer): RawAnswer | undefined {
  const end = bytes.indexOf("\r\n\r\n");
  if (end < 0) {
    return undefined;
  }
  const head = bytes.subarray(0, end).toString("latin1");
  const length = Number(/^content-length:\s*(\d+)/im.exec(head)?.[1] ?? 0);
  if (bytes.length < end + 4 + length) {
    return undefined;
  }
  return { status: Number(head.slice(9, 12)), headers: head, body: bytes.subarray(end + 4, end + 4 + length).toString("utf8") };
}

interface StreamedUpload {
  readonly answer: RawAnswer | undefined;
  /** Body bytes written when the answer arrived (or when the connection ended, if no answer came). */
  readonly writtenAtAnswer: number;
  readonly written: number;
  /** The server closed or reset the connection before we had written everything. */
  readonly cutShort: boolean;
  /** Milliseconds from the first byte of the request to the answer. */
  readonly answerMs: number;
}

/**
 * Writes `head`, then up to `total` body bytes in 1 MiB pieces (chunked framing when `chunked`), as fast as the
 * server takes them, stopping when it answers and cuts, or when all is sent. Reads the answer as it comes.
 */
function streamUpload(port: number, head: string, total: number, options: { chunked: boolean; piece?: (index: number) => Buffer }): Promise<StreamedUpload> {
  return new Promise((resolve) => {
    const socket: Socket = connect(port, "127.0.0.1");
    const began = Date.now();
    let received = Buffer.alloc(0);
    let answer: RawAnswer | undefined;
    let written = 0;
    let writtenAtAnswer = 0;
    let answerMs = 0;
    let done = false;
    const finish = (cutShort: boolean): void => {
      if (!done) {
        done = true;
        socket.destroy();
        resolve({ answer, writtenAtAnswer: answer === undefined ? written : writtenAtAnswer, written, cutShort, answerMs });
      }
    };
    socket.on("data", (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      if (answer === undefined) {
        answer = parseAnswer(received);
        if (answer !== undefined) {
          writtenAtAnswer = written;
          answerMs = Date.now() - began;
        }
      }
    });
    socket.on("error", () => finish(written < total));
    socket.on("close", () => finish(written < total));
    const filler = Buffer.alloc(MiB, 0x61);
    let index = 0;
    const pump = (): void => {
      while (!done && written < total) {
        const size = Math.min(MiB, total - written);
        const data = options.piece === undefined ? filler.subarray(0, size) : options.piece(index).subarray(0, size);
        index += 1;
        written += size;
        const more = socket.write(options.chunked ? Buffer.concat([Buffer.from(`${size.toString(16)}\r\n`), data, Buffer.from("\r\n")]) : data);
        if (!more) {
          socket.once("drain", pump);
          return;
        }
      }
      if (!done && written >= total) {
        socket.write(options.chunked ? "0\r\n\r\n" : "");
        // Everything sent: wait for the answer, then for the server to keep or close the connection.
        const waitForAnswer = setInterval(() => {
          if (answer !== undefined || Date.now() - began > 15_000) {
            clearInterval(waitForAnswer);
            finish(false);
          }
        }, 20);
      }
    };
    socket.once("connect", () => {
      socket.write(head);
      pump();
    });
  });
}

/** Samples the child's resident memory every 25 ms while `work` runs; answers the work's result and the peak. */
async function peakResidentDuring<T>(pid: number, work: () => Promise<T>): Promise<{ result: T; peak: number }> {
  let peak = (await residentBytes(pid)) ?? 0;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      peak = Math.max(peak, (await residentBytes(pid)) ?? 0);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  })();
  try {
    return { result: await work(), peak };
  } finally {
    sampling = false;
    await sampler;
    peak = Math.max(peak, (await residentBytes(pid)) ?? 0);
  }
}

const jsonHead = (extra: string): string =>
  `POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-amz-json-1.1\r\nX-Amz-Target: Kinesis_20131202.PutRecords\r\n${extra}\r\n`;

const mib = (bytes: number): string => `${(bytes / MiB).toFixed(1)} MiB`;

function assertJsonTooLarge(answer: RawAnswer | undefined): void {
  assert.ok(answer !== undefined, "no answer");
  assert.equal(answer.status, 413);
  assert.match(answer.headers, /^x-amzn-errortype: RequestEntityTooLarge:/im);
  assert.equal((JSON.parse(answer.body) as { __type: string }).__type, "RequestEntityTooLarge");
}

describe("request size limits (the emulator in a child process)", () => {
  let emulator: ChildEmulator;
  let dataDir: string;
  let port: number;
  let kinesis: KinesisClient;
  let s3: S3Client;

  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "gpu-stream-limits-"));
    emulator = await startChildEmulator(dataDir);
    port = Number(new URL(emulator.url).port);
    const config = clientConfig(emulator.url);
    kinesis = new KinesisClient(config);
    s3 = new S3Client({ ...config, forcePathStyle: true });
    await kinesis.send(new CreateStreamCommand({ StreamName: "limits", ShardCount: 1 }));
    await s3.send(new CreateBucketCommand({ Bucket: "limits" }));
  });

  after(async () => {
    kinesis?.destroy();
    s3?.destroy();
    await emulator?.stop("SIGTERM");
    await rm(dataDir, { recursive: true, force: true });
  });

  async function assertStillServing(): Promise<void> {
    const summary = await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: "limits" }));
    assert.equal(summary.StreamDescriptionSummary?.StreamStatus, "ACTIVE");
    assert.deepEqual(emulator.stderr.filter((line) => line.includes("internal error")), []);
  }

  describe("JSON services", () => {
    test("refuses a Content-Length of 1 GiB with 413 on the headers alone, over HTTP/1.1", async (t) => {
      const rssBefore = (await residentBytes(emulator.pid)) ?? 0;
      // Only the headers: a server that waited for the body would never answer.
      const { result, peak } = await peakResidentDuring(emulator.pid, () => streamUpload(port, jsonHead(`Content-Length: ${GiB}\r\n`), 0, { chunked: false }));
      assertJsonTooLarge(result.answer);
      assert.ok(result.answerMs < 2000, `answered after ${result.answerMs} ms`);
      t.diagnostic(`answered in ${result.answerMs} ms; RSS ${mib(rssBefore)} -> peak ${mib(peak)}`);
      assert.ok(peak - rssBefore < 16 * MiB, `RSS grew by ${mib(peak - rssBefore)}`);
      await assertStillServing();
    });

    test("refuses a Content-Length of 1 GiB sent with Expect: 100-continue without inviting the body", { timeout: 15_000 }, async () => {
      const socket = connect(port, "127.0.0.1");
      let received = "";
      socket.on("data", (chunk: Buffer) => (received += chunk.toString("latin1")));
      const closed = new Promise((resolve) => socket.once("close", resolve));
      socket.write(jsonHead(`Content-Length: ${GiB}\r\nExpect: 100-continue\r\n`));
      await closed;
      assert.match(received, /^HTTP\/1\.1 413 /);
      assert.doesNotMatch(received, /100 Continue/);
      await assertStillServing();
    });

    test("refuses a content-length of 1 GiB with 413 on the headers alone, over HTTP/2", { timeout: 15_000 }, async () => {
      const session = connectHttp2(emulator.url);
      try {
        const stream = session.request({
          ":method": "POST",
          ":path": "/",
          "content-type": "application/x-amz-json-1.1",
          "x-amz-target": "Kinesis_20131202.PutRecords",
          "content-length": String(GiB),
        });
        const headers = await new Promise<Record<string, string>>((resolve, reject) => {
          stream.once("response", (received) => resolve(received as Record<string, string>));
          stream.once("error", reject);
        });
        let body = "";
        stream.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
        await new Promise((resolve) => stream.once("end", resolve));
        assert.equal(Number(headers[":status"]), 413);
        assert.match(headers["x-amzn-errortype"]!, /^RequestEntityTooLarge:/);
        assert.equal((JSON.parse(body) as { __type: string }).__type, "RequestEntityTooLarge");
      } finally {
        session.destroy();
      }
      await assertStillServing();
    });

    test("refuses a chunked body as it passes the limit, drops a bounded tail of the 256 MiB offered and holds none of it", async (t) => {
      const rssBefore = (await residentBytes(emulator.pid)) ?? 0;
      const { result, peak } = await peakResidentDuring(emulator.pid, () => streamUpload(port, jsonHead("Transfer-Encoding: chunked\r\n"), 256 * MiB, { chunked: true }));
      t.diagnostic(
        `413 after ${mib(result.writtenAtAnswer)} written (limit ${mib(KINESIS_MAX_BODY)}); connection ${result.cutShort ? `cut after ${mib(result.written)}` : "kept"}; RSS ${mib(rssBefore)} -> peak ${mib(peak)}`,
      );
      assertJsonTooLarge(result.answer);
      // Socket buffers on both sides hold some MiB in flight, and on a busy 2-core machine a scheduling or GC pause of
      // either process lets tens of MiB more through (observed: 10-14 MiB usually, up to 37 MiB now and then): the
      // answer comes within a quarter of the body offered, far from the 256 MiB a server reading it all would take.
      assert.ok(result.writtenAtAnswer < KINESIS_MAX_BODY + 56 * MiB, `answered only after ${mib(result.writtenAtAnswer)}`);
      assert.ok(result.cutShort && result.written < 128 * MiB, `the server took ${mib(result.written)} of a refused body`);
      assert.ok(peak - rssBefore < 64 * MiB, `RSS grew by ${mib(peak - rssBefore)}`);
      await assertStillServing();
    });

    test("answers a body one byte over the limit with 413, and the same connection then serves the next request", { timeout: 15_000 }, async () => {
      // Both requests written at once on one connection: the server must read the refused body to its end (and
      // drop it) to find the second request where it starts.
      const body = Buffer.alloc(KINESIS_MAX_BODY + 1, 0x20);
      const socket = connect(port, "127.0.0.1");
      let received = "";
      socket.on("data", (chunk: Buffer) => (received += chunk.toString("latin1")));
      const closed = new Promise((resolve) => socket.once("close", resolve));
      socket.write(jsonHead(`Content-Length: ${body.length}\r\n`));
      socket.write(body);
      // Written, not ended: Node's HTTP server drops the answers still to come when a client half-closes (FIN).
      socket.write(`POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-amz-json-1.1\r\nX-Amz-Target: Kinesis_20131202.ListStreams\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}`);
      await closed;
      const answers = [...received.matchAll(/HTTP\/1\.1 (\d{3}) /g)].map((match) => Number(match[1]));
      assert.deepEqual(answers, [413, 200], received.slice(0, 2000));
      assert.match(received, /"__type":"RequestEntityTooLarge"/);
      assert.match(received, /"StreamNames":\["limits"\]/);
      await assertStillServing();
    });
  });

  describe("S3", () => {
    async function stagingFiles(): Promise<string[]> {
      return readdir(join(dataDir, "s3", ".staging")).catch(() => []);
    }

    test("refuses a PutObject announcing over 5 GiB with EntityTooLarge before storing a byte", async () => {
      const proposed = S3_MAX_UPLOAD + 1;
      const result = await streamUpload(port, `PUT /limits/too-large HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: ${proposed}\r\n\r\n`, 0, { chunked: false });
      assert.ok(result.answer !== undefined, "no answer");
      assert.equal(result.answer.status, 400);
      assert.match(result.answer.body, /<Error><Code>EntityTooLarge<\/Code>/);
      assert.match(result.answer.body, new RegExp(`<MaxSizeAllowed>${S3_MAX_UPLOAD}</MaxSizeAllowed>`));
      assert.match(result.answer.body, new RegExp(`<ProposedSize>${proposed}</ProposedSize>`));
      assert.ok(result.answerMs < 2000);
      await assert.rejects(s3.send(new HeadObjectCommand({ Bucket: "limits", Key: "too-large" })), { name: "NotFound" });
      assert.deepEqual(await stagingFiles(), []);
    });

    test("refuses an UploadPart announcing over 5 GiB with EntityTooLarge, and the upload has no part", async () => {
      const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: "limits", Key: "multipart" }));
      try {
        const result = await streamUpload(port, `PUT /limits/multipart?partNumber=1&uploadId=${encodeURIComponent(UploadId!)} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: ${S3_MAX_UPLOAD + 1}\r\n\r\n`, 0, {
          chunked: false,
        });
        assert.ok(result.answer !== undefined, "no answer");
        assert.equal(result.answer.status, 400);
        assert.match(result.answer.body, /<Error><Code>EntityTooLarge<\/Code>/);
        assert.match(result.answer.body, new RegExp(`<MaxSizeAllowed>${S3_MAX_UPLOAD}</MaxSizeAllowed>`));
        const parts = await s3.send(new ListPartsCommand({ Bucket: "limits", Key: "multipart", UploadId }));
        assert.deepEqual(parts.Parts ?? [], []);
        assert.deepEqual(await stagingFiles(), []);
      } finally {
        await s3.send(new AbortMultipartUploadCommand({ Bucket: "limits", Key: "multipart", UploadId }));
      }
    });

    test("streams a 512 MiB PutObject to disk with bounded memory, and it reads back whole", async (t: TestContext) => {
      const size = 512 * MiB;
      // Each MiB differs (its index in the first bytes), so a lost or repeated piece changes the MD5.
      const piece = (index: number): Buffer => {
        const bytes = Buffer.alloc(MiB, index % 251);
        bytes.writeUInt32BE(index, 0);
        return bytes;
      };
      const md5 = createHash("md5");
      for (let index = 0; index < size / MiB; index += 1) {
        md5.update(piece(index));
      }
      const expectedEtag = `"${md5.digest("hex")}"`;
      const rssBefore = (await residentBytes(emulator.pid)) ?? 0;
      const began = Date.now();
      const { result, peak } = await peakResidentDuring(emulator.pid, () =>
        streamUpload(port, `PUT /limits/big HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: ${size}\r\n\r\n`, size, { chunked: false, piece }),
      );
      t.diagnostic(`PUT of ${mib(size)} in ${Date.now() - began} ms; RSS ${mib(rssBefore)} -> peak ${mib(peak)} (+${mib(peak - rssBefore)})`);
      try {
        assert.equal(result.answer?.status, 200, result.answer?.body);
        assert.match(result.answer!.headers, new RegExp(`^etag: ${expectedEtag}`, "im"));
        assert.ok(peak - rssBefore < 64 * MiB, `RSS grew by ${mib(peak - rssBefore)} while receiving ${mib(size)}`);
        const head = await s3.send(new HeadObjectCommand({ Bucket: "limits", Key: "big" }));
        assert.equal(head.ContentLength, size);
        assert.equal(head.ETag, expectedEtag);
        // Read it back whole and hash it as it comes.
        const readBack = createHash("md5");
        let readBytes = 0;
        await new Promise<void>((resolve, reject) => {
          http1Request({ host: "127.0.0.1", port, path: "/limits/big" }, (res) => {
            res.on("data", (chunk: Buffer) => {
              readBack.update(chunk);
              readBytes += chunk.length;
            });
            res.on("end", resolve);
            res.on("error", reject);
          })
            .on("error", reject)
            .end();
        });
        assert.equal(readBytes, size);
        assert.equal(`"${readBack.digest("hex")}"`, expectedEtag);
      } finally {
        await s3.send(new DeleteObjectCommand({ Bucket: "limits", Key: "big" }));
      }
      assert.deepEqual(await stagingFiles(), []);
      await assertStillServing();
    });
  });

  describe("headers", () => {
    test("answers 100 KB of HTTP/1.1 headers with 431 and closes, and keeps serving", async () => {
      const result = await streamUpload(port, `GET /_emulator/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${"b".repeat(100_000)}\r\n\r\n`, 0, { chunked: false });
      // Node's parser refuses a header block over --max-http-header-size (16 KiB by default) itself: a bare 431, then close.
      assert.equal(result.answer?.status, 431);
      await assertStillServing();
    });

    test("refuses 100 KB of HTTP/2 headers with RST_STREAM and answers the session's next stream", { timeout: 15_000 }, async () => {
      // Raw frames: node:http2's client refuses to send a header block over 64 KiB itself (maxSendHeaderBlockLength).
      // 50 fields of 2 KB: each under nghttp2's 64 KiB per-field limit (over it: GOAWAY COMPRESSION_ERROR).
      const block = headerBlock([
        [":method", "GET"],
        [":scheme", "http"],
        [":authority", "127.0.0.1"],
        [":path", "/_emulator/health"],
        ...Array.from({ length: 50 }, (_, index) => [`x-big-${index}`, "b".repeat(2000)] as const),
      ]);
      const pieces: Buffer[] = [];
      for (let offset = 0; offset < block.length; offset += 16_384) {
        pieces.push(block.subarray(offset, offset + 16_384));
      }
      const HEADERS = 1;
      const CONTINUATION = 9;
      const steps: RawStep[] = [HTTP2_PREFACE, frame(4, 0, 0), frame(4, 1, 0)];
      pieces.forEach((piece, index) => steps.push(frame(index === 0 ? HEADERS : CONTINUATION, (index === pieces.length - 1 ? 0x4 : 0) | (index === 0 ? 0x1 : 0), 1, piece)));
      steps.push(healthRequest(3), { pauseMs: 300 });
      const result = await rawExchange(port, steps, { timeoutMs: 2000, leave: true });
      const frames = readFrames(result.received);
      const reset = frames.find((received) => received.type === 3 && received.streamId === 1);
      assert.ok(reset !== undefined, `no RST_STREAM on stream 1: ${JSON.stringify(frames.map(({ type, streamId }) => [type, streamId]))}`);
      assert.equal(reset.payload.readUInt32BE(0), 0xb, "ENHANCE_YOUR_CALM");
      assert.equal(frames.some((received) => received.type === HEADERS && received.streamId === 1), false, "stream 1 was answered");
      assert.ok(answeredStream(result.received, 3), "the next stream of the session was not answered");
      await assertStillServing();
    });
  });
});
