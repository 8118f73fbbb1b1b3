import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFile, execFileSync, spawn } from "node:child_process";
import { once } from "node:events";
import { createHash, randomBytes } from "node:crypto";
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { AthenaClient, ListWorkGroupsCommand } from "@aws-sdk/client-athena";
import { FirehoseClient, ListDeliveryStreamsCommand } from "@aws-sdk/client-firehose";
import { CreateDatabaseCommand, GetDatabasesCommand, GlueClient } from "@aws-sdk/client-glue";
import { CreateStreamCommand, GetRecordsCommand, GetShardIteratorCommand, KinesisClient, ListStreamsCommand, PutRecordCommand } from "@aws-sdk/client-kinesis";
import {
  CompleteMultipartUploadCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListPartsCommand,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
} from "@aws-sdk/client-s3";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { rejectsWith } from "../../support/awsAssertions";
import { errorCode, rawRequest, type RawResponse } from "../../support/rawHttp";
import { presignS3Url, sha256Hex, signRequest, type TestKey } from "../../support/signRequest";
import { clientConfig, startTestEmulator, useTestEmulator, type TestEmulator } from "../../support/testEmulator";

const run = promisify(execFile);

/** The key the test emulator's own clients sign with (clientConfig), configured as the one accepted. */
const KEY: TestKey = { accessKeyId: "test", secretAccessKey: "test" };
const WRONG_SECRET: TestKey = { accessKeyId: "test", secretAccessKey: "not-the-secret" };
const UNKNOWN_KEY: TestKey = { accessKeyId: "AKIDUNKNOWN", secretAccessKey: "test" };

const SIGNATURE_MISMATCH =
  "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";
const UNRECOGNIZED = "The security token included in the request is invalid.";

function config(url: string, key: TestKey, extra: Record<string, unknown> = {}) {
  return { ...clientConfig(url), credentials: key, ...extra };
}

function xmlField(response: RawResponse | string, name: string): string | undefined {
  const text = typeof response === "string" ? response : response.body.toString("utf8");
  return new RegExp(`<${name}>([^<]*)</${name}>`).exec(text)?.[1];
}

function jsonError(response: RawResponse): { __type: string; message: string } {
  return JSON.parse(response.body.toString("utf8")) as { __type: string; message: string };
}

async function streamData(kinesis: KinesisClient, streamName: string): Promise<string[]> {
  const { ShardIterator } = await kinesis.send(new GetShardIteratorCommand({ StreamName: streamName, ShardId: "shardId-000000000000", ShardIteratorType: "TRIM_HORIZON" }));
  const { Records } = await kinesis.send(new GetRecordsCommand({ ShardIterator }));
  return (Records ?? []).map((record) => Buffer.from(record.Data!).toString("utf8"));
}

describe("SigV4 credential checking", () => {
  let emulator: TestEmulator;
  let url: string;
  let athena: AthenaClient;

  useTestEmulator(
    async (started) => {
      emulator = started;
      url = started.emulator.url;
      athena = new AthenaClient(clientConfig(url));
      await emulator.kinesis.send(new CreateStreamCommand({ StreamName: "signed", ShardCount: 1 }));
      await emulator.s3.send(new CreateBucketCommand({ Bucket: "signed-bucket" }));
    },
    { credentials: [KEY, { accessKeyId: "AKIDSECOND", secretAccessKey: "second/secret+key" }] },
  );
  after(() => athena?.destroy());

  describe("behaviour", () => {
    test("takes Kinesis requests signed with a configured key, over HTTP/2 (the SDK's default) and HTTP/1.1", async () => {
      await emulator.kinesis.send(new PutRecordCommand({ StreamName: "signed", PartitionKey: "k", Data: Buffer.from("over h2") }));
      await emulator.kinesisHttp1.send(new PutRecordCommand({ StreamName: "signed", PartitionKey: "k", Data: Buffer.from("over h1") }));
      assert.deepEqual(await streamData(emulator.kinesisHttp1, "signed"), ["over h2", "over h1"]);
    });

    test("takes a second configured key as well as the first", async () => {
      const second = new KinesisClient(config(url, { accessKeyId: "AKIDSECOND", secretAccessKey: "second/secret+key" }, { requestHandler: new NodeHttpHandler() }));
      try {
        assert.ok((await second.send(new ListStreamsCommand({}))).StreamNames!.includes("signed"));
      } finally {
        second.destroy();
      }
    });

    test("takes Firehose, Glue and Athena requests signed with a configured key", async () => {
      assert.deepEqual((await emulator.firehose.send(new ListDeliveryStreamsCommand({}))).DeliveryStreamNames, []);
      await emulator.glue.send(new CreateDatabaseCommand({ DatabaseInput: { Name: "signed_db" } }));
      assert.deepEqual((await emulator.glue.send(new GetDatabasesCommand({}))).DatabaseList!.map((database) => database.Name), ["signed_db"]);
      assert.ok((await athena.send(new ListWorkGroupsCommand({}))).WorkGroups!.some((group) => group.Name === "primary"));
    });

    test("takes S3 PutObject with a body, GetObject and a multipart upload signed with a configured key", async () => {
      await emulator.s3.send(new PutObjectCommand({ Bucket: "signed-bucket", Key: "dir/a b+c!(1)~ü.json", Body: '{"signed":true}' }));
      const got = await emulator.s3.send(new GetObjectCommand({ Bucket: "signed-bucket", Key: "dir/a b+c!(1)~ü.json" }));
      assert.equal(await got.Body!.transformToString(), '{"signed":true}');

      const parts = [randomBytes(5 * 1024 * 1024), randomBytes(1000)];
      const { UploadId } = await emulator.s3.send(new CreateMultipartUploadCommand({ Bucket: "signed-bucket", Key: "multi" }));
      const etags: string[] = [];
      for (const [index, part] of parts.entries()) {
        etags.push((await emulator.s3.send(new UploadPartCommand({ Bucket: "signed-bucket", Key: "multi", UploadId, PartNumber: index + 1, Body: part }))).ETag!);
      }
      await emulator.s3.send(
        new CompleteMultipartUploadCommand({ Bucket: "signed-bucket", Key: "multi", UploadId, MultipartUpload: { Parts: etags.map((ETag, index) => ({ ETag, PartNumber: index + 1 })) } }),
      );
      const whole = await emulator.s3.send(new GetObjectCommand({ Bucket: "signed-bucket", Key: "multi" }));
      assert.ok(Buffer.from(await whole.Body!.transformToByteArray()).equals(Buffer.concat(parts)));
    });

    test("serves a presigned GET URL fetched with fetch(), with no credentials of its own", async () => {
      await emulator.s3.send(new PutObjectCommand({ Bucket: "signed-bucket", Key: "shared/report 1.csv", Body: "a,b\n1,2\n" }));
      const presigned = await presignS3Url(url, { method: "GET", bucket: "signed-bucket", key: "shared/report 1.csv", operation: "GetObject", expiresIn: 300, credentials: KEY });
      assert.match(presigned, /X-Amz-Signature=[0-9a-f]{64}/);
      const response = await fetch(presigned);
      assert.equal(response.status, 200);
      assert.equal(await response.text(), "a,b\n1,2\n");
    });

    test("answers /_emulator/health and the Firehose flush without a signature (they are not AWS)", async () => {
      assert.equal((await fetch(`${url}/_emulator/health`)).status, 200);
      assert.equal((await fetch(`${url}/_emulator/firehose/flush`, { method: "POST" })).status, 200);
    });
  });

  describe("errors", () => {
    const kinds = [
      { name: "Kinesis over HTTP/2", client: (key: TestKey) => new KinesisClient(config(url, key)), call: (client: unknown) => (client as KinesisClient).send(new ListStreamsCommand({})) },
      {
        name: "Kinesis over HTTP/1.1",
        client: (key: TestKey) => new KinesisClient(config(url, key, { requestHandler: new NodeHttpHandler() })),
        call: (client: unknown) => (client as KinesisClient).send(new ListStreamsCommand({})),
      },
      { name: "Firehose", client: (key: TestKey) => new FirehoseClient(config(url, key)), call: (client: unknown) => (client as FirehoseClient).send(new ListDeliveryStreamsCommand({})) },
      { name: "Glue", client: (key: TestKey) => new GlueClient(config(url, key)), call: (client: unknown) => (client as GlueClient).send(new GetDatabasesCommand({})) },
      { name: "Athena", client: (key: TestKey) => new AthenaClient(config(url, key)), call: (client: unknown) => (client as AthenaClient).send(new ListWorkGroupsCommand({})) },
    ];
    for (const kind of kinds) {
      test(`refuses ${kind.name} signed with the wrong secret with InvalidSignatureException, and an unknown key with UnrecognizedClientException`, async () => {
        const wrong = kind.client(WRONG_SECRET);
        const unknown = kind.client(UNKNOWN_KEY);
        try {
          const mismatch = await rejectsWith(kind.call(wrong), { name: "InvalidSignatureException" });
          assert.equal(mismatch.$metadata?.httpStatusCode, 400);
          assert.ok(mismatch.message.startsWith(`${SIGNATURE_MISMATCH}\n\nThe Canonical String for this request should have been\n'POST\n/\n`), mismatch.message);
          const unrecognized = await rejectsWith(kind.call(unknown), { name: "UnrecognizedClientException", message: UNRECOGNIZED });
          assert.equal(unrecognized.$metadata?.httpStatusCode, 400);
        } finally {
          (wrong as { destroy(): void }).destroy();
          (unknown as { destroy(): void }).destroy();
        }
      });
    }

    test("refuses an unsigned JSON request with MissingAuthenticationTokenException", async () => {
      const response = await rawRequest(url, { method: "POST", path: "/", headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": "Kinesis_20131202.ListStreams" }, body: "{}" });
      assert.equal(response.status, 400);
      assert.deepEqual(jsonError(response), { __type: "MissingAuthenticationTokenException", message: "Missing Authentication Token" });
    });

    test("refuses a PutRecord whose body was altered after signing, and stores no record", async () => {
      const body = JSON.stringify({ StreamName: "signed", PartitionKey: "k", Data: Buffer.from("signed data").toString("base64") });
      const headers = await signRequest(url, {
        method: "POST",
        path: "/",
        headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": "Kinesis_20131202.PutRecord" },
        body,
        service: "kinesis",
        key: KEY,
      });
      const altered = body.replace(Buffer.from("signed data").toString("base64"), Buffer.from("forged data").toString("base64"));
      const before = await streamData(emulator.kinesisHttp1, "signed");
      const response = await rawRequest(url, { method: "POST", path: "/", headers: { ...headers, "content-length": Buffer.byteLength(altered) }, body: altered });
      assert.equal(response.status, 400);
      assert.equal(jsonError(response).__type, "InvalidSignatureException");
      assert.deepEqual(await streamData(emulator.kinesisHttp1, "signed"), before);

      const untouched = await rawRequest(url, { method: "POST", path: "/", headers: { ...headers, "content-length": Buffer.byteLength(body) }, body });
      assert.equal(untouched.status, 200, untouched.body.toString());
      assert.deepEqual(await streamData(emulator.kinesisHttp1, "signed"), [...before, "signed data"]);
    });

    test("refuses a Kinesis request signed 20 minutes ago with InvalidSignatureException 'Signature expired'", async () => {
      const late = new KinesisClient(config(url, KEY, { systemClockOffset: -20 * 60_000, requestHandler: new NodeHttpHandler() }));
      try {
        await rejectsWith(late.send(new ListStreamsCommand({})), { name: "InvalidSignatureException", message: /^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 15 min\.\)$/ });
      } finally {
        late.destroy();
      }
    });

    test("refuses S3 requests signed with the wrong secret with SignatureDoesNotMatch, showing what it signed", async () => {
      const wrong = new S3Client(config(url, WRONG_SECRET, { forcePathStyle: true }));
      try {
        await rejectsWith(wrong.send(new GetObjectCommand({ Bucket: "signed-bucket", Key: "multi" })), { name: "SignatureDoesNotMatch" });
      } finally {
        wrong.destroy();
      }
      const headers = await signRequest(url, { method: "GET", path: "/signed-bucket/multi", headers: { "x-amz-content-sha256": sha256Hex("") }, service: "s3", key: WRONG_SECRET });
      const response = await rawRequest(url, { method: "GET", path: "/signed-bucket/multi", headers });
      assert.equal(response.status, 403);
      assert.equal(errorCode(response), "SignatureDoesNotMatch");
      assert.equal(xmlField(response, "AWSAccessKeyId"), "test");
      assert.equal(xmlField(response, "SignatureProvided"), /Signature=([0-9a-f]+)/.exec(headers["authorization"]!)![1]);
      assert.match(xmlField(response, "StringToSign")!, /^AWS4-HMAC-SHA256\n\d{8}T\d{6}Z\n\d{8}\/us-east-1\/s3\/aws4_request\n[0-9a-f]{64}$/);
      assert.match(xmlField(response, "CanonicalRequest")!, /^GET\n\/signed-bucket\/multi\n\nhost:127\.0\.0\.1:\d+\n/);
      assert.match(xmlField(response, "StringToSignBytes")!, /^41 57 53 34 /);
    });

    test("refuses S3 requests with an unknown key with InvalidAccessKeyId, and anonymous ones with AccessDenied", async () => {
      const unknown = new S3Client(config(url, UNKNOWN_KEY, { forcePathStyle: true }));
      try {
        // A HEAD answer has no body, so the SDK can only tell the status.
        await assert.rejects(unknown.send(new HeadObjectCommand({ Bucket: "signed-bucket", Key: "multi" })), (error: { $metadata?: { httpStatusCode?: number } }) => error.$metadata?.httpStatusCode === 403);
        await rejectsWith(unknown.send(new GetObjectCommand({ Bucket: "signed-bucket", Key: "multi" })), { name: "InvalidAccessKeyId", message: "The AWS Access Key Id you provided does not exist in our records." });
      } finally {
        unknown.destroy();
      }
      const anonymous = await rawRequest(url, { method: "GET", path: "/signed-bucket/multi" });
      assert.equal(anonymous.status, 403);
      assert.equal(errorCode(anonymous), "AccessDenied");
    });

    test("refuses a PutObject whose body was altered after signing with XAmzContentSHA256Mismatch, and stores nothing", async () => {
      const body = "the signed body";
      const headers = await signRequest(url, { method: "PUT", path: "/signed-bucket/altered", headers: { "x-amz-content-sha256": sha256Hex(body) }, body, service: "s3", key: KEY });
      const response = await rawRequest(url, { method: "PUT", path: "/signed-bucket/altered", headers: { ...headers, "content-length": body.length }, body: "the forged body" });
      assert.equal(response.status, 400);
      assert.equal(errorCode(response), "XAmzContentSHA256Mismatch");
      await assert.rejects(emulator.s3.send(new HeadObjectCommand({ Bucket: "signed-bucket", Key: "altered" })), { name: "NotFound" });

      // The hash changed with the body breaks the signature instead.
      const forgedHash = await rawRequest(url, {
        method: "PUT",
        path: "/signed-bucket/altered",
        headers: { ...headers, "x-amz-content-sha256": sha256Hex("the forged body"), "content-length": body.length },
        body: "the forged body",
      });
      assert.equal(errorCode(forgedHash), "SignatureDoesNotMatch");
      await assert.rejects(emulator.s3.send(new HeadObjectCommand({ Bucket: "signed-bucket", Key: "altered" })), { name: "NotFound" });
    });

    test("refuses an UploadPart whose body was altered after signing, and keeps no part", async () => {
      const { UploadId } = await emulator.s3.send(new CreateMultipartUploadCommand({ Bucket: "signed-bucket", Key: "altered-multi" }));
      const body = "part one";
      const path = "/signed-bucket/altered-multi";
      const query = { partNumber: "1", uploadId: UploadId! };
      const headers = await signRequest(url, { method: "PUT", path, query, headers: { "x-amz-content-sha256": sha256Hex(body) }, body, service: "s3", key: KEY });
      const response = await rawRequest(url, { method: "PUT", path: `${path}?partNumber=1&uploadId=${encodeURIComponent(UploadId!)}`, headers: { ...headers, "content-length": body.length }, body: "part two" });
      assert.equal(errorCode(response), "XAmzContentSHA256Mismatch");
      const forgedHash = await rawRequest(url, {
        method: "PUT",
        path: `${path}?partNumber=1&uploadId=${encodeURIComponent(UploadId!)}`,
        headers: { ...headers, "x-amz-content-sha256": sha256Hex("part two"), "content-length": body.length },
        body: "part two",
      });
      assert.equal(errorCode(forgedHash), "SignatureDoesNotMatch");
      assert.deepEqual((await emulator.s3.send(new ListPartsCommand({ Bucket: "signed-bucket", Key: "altered-multi", UploadId }))).Parts ?? [], []);
    });

    test("refuses a DeleteObjects whose body was altered after signing, and deletes nothing", async () => {
      await emulator.s3.send(new PutObjectCommand({ Bucket: "signed-bucket", Key: "keep-a", Body: "a" }));
      await emulator.s3.send(new PutObjectCommand({ Bucket: "signed-bucket", Key: "keep-b", Body: "b" }));
      const body = '<Delete><Object><Key>keep-a</Key></Object></Delete>';
      const forged = body.replace("keep-a", "keep-b");
      const headers = await signRequest(url, {
        method: "POST",
        path: "/signed-bucket",
        query: { delete: "" },
        headers: { "x-amz-content-sha256": sha256Hex(body), "content-md5": createHash("md5").update(body).digest("base64") },
        body,
        service: "s3",
        key: KEY,
      });
      const response = await rawRequest(url, { method: "POST", path: "/signed-bucket?delete=", headers: { ...headers, "content-length": forged.length }, body: forged });
      assert.equal(errorCode(response), "XAmzContentSHA256Mismatch");
      for (const key of ["keep-a", "keep-b"]) {
        assert.equal((await emulator.s3.send(new HeadObjectCommand({ Bucket: "signed-bucket", Key: key }))).ContentLength, 1);
      }
    });

    test("refuses an expired presigned URL with AccessDenied 'Request has expired', and a tampered one with SignatureDoesNotMatch", async () => {
      const expired = await presignS3Url(url, {
        method: "GET",
        bucket: "signed-bucket",
        key: "multi",
        operation: "GetObject",
        expiresIn: 60,
        credentials: KEY,
        signingDate: new Date(Date.now() - 120_000),
      });
      const response = await fetch(expired);
      const text = await response.text();
      assert.equal(response.status, 403);
      assert.equal(xmlField(text, "Code"), "AccessDenied");
      assert.equal(xmlField(text, "Message"), "Request has expired");
      assert.equal(xmlField(text, "X-Amz-Expires"), "60");
      assert.match(xmlField(text, "Expires")!, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);

      const valid = await presignS3Url(url, { method: "GET", bucket: "signed-bucket", key: "multi", operation: "GetObject", expiresIn: 60, credentials: KEY });
      const tampered = await fetch(valid.replace("/signed-bucket/multi?", "/signed-bucket/shared/report%201.csv?"));
      assert.equal(tampered.status, 403);
      assert.equal(xmlField(await tampered.text(), "Code"), "SignatureDoesNotMatch");
    });

    test("refuses an S3 request signed 20 minutes ago with RequestTimeTooSkewed", async () => {
      const late = new S3Client(config(url, KEY, { forcePathStyle: true, systemClockOffset: -20 * 60_000 }));
      try {
        const error = await rejectsWith(late.send(new GetObjectCommand({ Bucket: "signed-bucket", Key: "multi" })), { name: "RequestTimeTooSkewed" });
        assert.equal(error.$metadata?.httpStatusCode, 403);
      } finally {
        late.destroy();
      }
    });

    test("refuses a header-signed S3 request without x-amz-content-sha256 with InvalidRequest", async () => {
      const headers = await signRequest(url, { method: "GET", path: "/signed-bucket/multi", service: "s3", key: KEY });
      delete headers["x-amz-content-sha256"];
      const response = await rawRequest(url, { method: "GET", path: "/signed-bucket/multi", headers });
      assert.equal(response.status, 400);
      assert.equal(errorCode(response), "InvalidRequest");
      assert.equal(xmlField(response, "Message"), "Missing required header for this request: x-amz-content-sha256");
    });
  });
});

/**
 * AWS's published example of a signed streaming upload (https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-streaming.html):
 * 66560 bytes of 'a' in chunks of 65536 and 1024, signed as AKIAIOSFODNN7EXAMPLE on 2013-05-24, so this emulator's
 * clock stands still at that moment.
 */
describe("SigV4 signed streaming uploads (AWS's published example)", () => {
  const exampleKey: TestKey = { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" };
  const exampleNow = Date.UTC(2013, 4, 24, 0, 0, 0);
  const signatures = [
    "ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648",
    "0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497",
    "b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9",
  ];
  let emulator: TestEmulator;

  /** A request signed on the example's day (the SDK would correct its clock from the emulator's Date header). */
  async function onTheDay(method: string, path: string): Promise<RawResponse> {
    const headers = await signRequest(emulator.emulator.url, { method, path, headers: { "x-amz-content-sha256": sha256Hex("") }, service: "s3", key: exampleKey, signingDate: new Date(exampleNow) });
    return rawRequest(emulator.emulator.url, { method, path, headers });
  }

  function exampleBody(corruptSecondChunk: boolean): Buffer {
    const second = Buffer.alloc(1024, "a");
    if (corruptSecondChunk) {
      second[10] = "b".charCodeAt(0);
    }
    return Buffer.concat([
      Buffer.from(`10000;chunk-signature=${signatures[0]}\r\n`),
      Buffer.alloc(65536, "a"),
      Buffer.from(`\r\n400;chunk-signature=${signatures[1]}\r\n`),
      second,
      Buffer.from(`\r\n0;chunk-signature=${signatures[2]}\r\n\r\n`),
    ]);
  }

  function putExample(body: Buffer): Promise<RawResponse> {
    return rawRequest(emulator.emulator.url, {
      method: "PUT",
      path: "/examplebucket/chunkObject.txt",
      headers: {
        host: "s3.amazonaws.com",
        "x-amz-date": "20130524T000000Z",
        "x-amz-storage-class": "REDUCED_REDUNDANCY",
        authorization:
          "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,SignedHeaders=content-encoding;content-length;host;x-amz-content-sha256;x-amz-date;x-amz-decoded-content-length;x-amz-storage-class,Signature=4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9",
        "x-amz-content-sha256": "STREAMING-AWS4-HMAC-SHA256-PAYLOAD",
        "content-encoding": "aws-chunked",
        "x-amz-decoded-content-length": 66560,
        "content-length": body.length,
      },
      body,
    });
  }

  before(async () => {
    // The example is signed for Host s3.amazonaws.com: a name the emulator answers only when allowed.
    emulator = await startTestEmulator({ credentials: [exampleKey], now: () => exampleNow, allowHosts: ["s3.amazonaws.com"] });
    assert.equal((await onTheDay("PUT", "/examplebucket")).status, 200);
  });
  after(async () => emulator.close());

  // First: the seed signature covers the key, so both tests must put the same one.
  test("refuses the example with one byte of a chunk changed with SignatureDoesNotMatch, and stores nothing", async () => {
    const response = await putExample(exampleBody(true));
    assert.equal(response.status, 403);
    assert.equal(errorCode(response), "SignatureDoesNotMatch");
    // The seed signature passed (a refused seed shows its CanonicalRequest): the chunk's signature failed.
    assert.equal(xmlField(response, "CanonicalRequest"), undefined);
    assert.equal((await onTheDay("HEAD", "/examplebucket/chunkObject.txt")).status, 404);
    assert.deepEqual(await readdir(join(emulator.dataDir, "s3", ".staging")), []);
  });

  test("stores the example's object, checking its seed and each chunk signature", async () => {
    const response = await putExample(exampleBody(false));
    assert.equal(response.status, 200, response.body.toString());
    const object = await onTheDay("GET", "/examplebucket/chunkObject.txt");
    assert.equal(object.status, 200);
    assert.ok(object.body.equals(Buffer.alloc(66560, "a")));
  });
});

describe("without configured credentials", () => {
  test("takes unsigned and wrongly signed requests alike, as before", async () => {
    const emulator = await startTestEmulator();
    const wrong = new KinesisClient(config(emulator.emulator.url, WRONG_SECRET));
    try {
      assert.deepEqual((await wrong.send(new ListStreamsCommand({}))).StreamNames, []);
      const anonymous = await rawRequest(emulator.emulator.url, { method: "GET", path: "/" });
      assert.equal(anonymous.status, 200);
      assert.match(anonymous.body.toString(), /<ListAllMyBucketsResult/);
    } finally {
      wrong.destroy();
      await emulator.close();
    }
  });
});

describe("configuring credentials", () => {
  test("start() warns once when listening beyond loopback, saying whether credentials are checked", async () => {
    for (const credentials of [[], [KEY]]) {
      const lines: string[] = [];
      const emulator = await startTestEmulator({ host: "0.0.0.0", credentials, log: (line) => lines.push(line) });
      await emulator.close();
      const warnings = lines.filter((line) => line.startsWith("warning: listening on 0.0.0.0"));
      assert.equal(warnings.length, 1, lines.join("\n"));
      assert.match(warnings[0]!, credentials.length === 0 ? /checks no credentials/ : /must be signed with the configured credentials/);
    }
    const quiet: string[] = [];
    const loopback = await startTestEmulator({ log: (line) => quiet.push(line) });
    await loopback.close();
    assert.deepEqual(quiet.filter((line) => line.startsWith("warning:")), []);
  });

  test("the CLI takes keys from GPU_STREAM_EMULATOR_CREDENTIALS, checks them, and warns beyond loopback once", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "gpu-stream-sigv4-cli-"));
    const cli = join(dirname(require.resolve("@gpu-stream/emulator")), "cli.js");
    const child = spawn(process.execPath, [cli, "--host", "0.0.0.0", "--port", "0", "--data-dir", dataDir], {
      env: { ...process.env, GPU_STREAM_EMULATOR_CREDENTIALS: "AKIDFROMENV:env/secret, test:test" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const exited = once(child, "exit");
    let stdout = "";
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    try {
      for await (const chunk of child.stdout) {
        stdout += String(chunk);
        if (stdout.includes("Ctrl-C")) {
          break;
        }
      }
      assert.match(stdout, /checking SigV4 signatures: 2 access keys \(AKIDFROMENV, test\)/);
      const url = /at (http:\/\/[^ ]+) /.exec(stdout)![1]!;
      assert.equal(errorCode(await rawRequest(url, { method: "GET", path: "/" })), "AccessDenied");
      const signed = new KinesisClient(config(url, { accessKeyId: "AKIDFROMENV", secretAccessKey: "env/secret" }));
      try {
        assert.deepEqual((await signed.send(new ListStreamsCommand({}))).StreamNames, []);
      } finally {
        signed.destroy();
      }
    } finally {
      child.kill("SIGTERM");
      await exited;
      await rm(dataDir, { recursive: true, force: true });
    }
    assert.equal(stderr.split("\n").filter((line) => line.startsWith("warning: listening on 0.0.0.0")).length, 1, stderr);
  });
});

function installed(command: string, args: string[]): boolean {
  try {
    execFileSync(command, args, { stdio: ["ignore", "pipe", "pipe"] });
    return true;
  } catch {
    return false;
  }
}

// CI installs Debian's awscli (v2.9) and python3-boto3, as for emulator/server/awsCli.test.ts.
const AWS_CLI = ["/usr/bin/aws", "aws"].find((command) => installed(command, ["--version"]));
const BOTO3_PYTHON = ["/usr/bin/python3", "python3"].find((python) => installed(python, ["-c", "import boto3"]));

describe("the AWS CLI with credentials checked", { skip: AWS_CLI !== undefined ? false : "the AWS CLI is not installed (CI installs Debian's awscli)" }, () => {
  let emulator: TestEmulator;
  let home: string;

  before(async () => {
    emulator = await startTestEmulator({ credentials: [KEY] });
    home = await mkdtemp(join(tmpdir(), "gpu-stream-sigv4-cli-"));
    // Presigned URLs as SigV4 (the CLI 2.9 would presign SigV2 in us-east-1, which the check refuses).
    await writeFile(join(home, "config"), "[default]\ns3 =\n    signature_version = s3v4\n");
  });
  after(async () => {
    await emulator.close();
    await rm(home, { recursive: true, force: true });
  });

  function aws(key: TestKey, ...args: string[]): Promise<{ stdout: string; stderr: string }> {
    return run(AWS_CLI!, ["--endpoint-url", emulator.emulator.url, "--output", "json", ...args], {
      env: {
        PATH: process.env["PATH"],
        HOME: home,
        AWS_ACCESS_KEY_ID: key.accessKeyId,
        AWS_SECRET_ACCESS_KEY: key.secretAccessKey,
        AWS_DEFAULT_REGION: "us-east-1",
        AWS_CONFIG_FILE: join(home, "config"),
        AWS_SHARED_CREDENTIALS_FILE: join(home, "credentials"),
        AWS_PAGER: "",
      },
    });
  }

  test("passes with the configured key: Kinesis, S3 copy in and out, and a presigned URL", async () => {
    await aws(KEY, "kinesis", "create-stream", "--stream-name", "cli-signed", "--shard-count", "1");
    assert.deepEqual(JSON.parse((await aws(KEY, "kinesis", "list-streams")).stdout).StreamNames, ["cli-signed"]);
    const file = join(home, "in.txt");
    await writeFile(file, "signed by the CLI\n");
    await aws(KEY, "s3", "mb", "s3://cli-signed");
    await aws(KEY, "s3", "cp", file, "s3://cli-signed/dir/in put.txt");
    assert.equal((await aws(KEY, "s3", "cp", "s3://cli-signed/dir/in put.txt", "-")).stdout, "signed by the CLI\n");
    const presigned = (await aws(KEY, "s3", "presign", "s3://cli-signed/dir/in put.txt", "--expires-in", "60")).stdout.trim();
    assert.match(presigned, /X-Amz-Algorithm=AWS4-HMAC-SHA256/);
    assert.equal(await (await fetch(presigned)).text(), "signed by the CLI\n");
  });

  test("fails with the wrong secret or an unknown key, as the services word it", async () => {
    await assert.rejects(aws(WRONG_SECRET, "kinesis", "list-streams"), (error: { stderr: string }) => /InvalidSignatureException/.test(error.stderr));
    await assert.rejects(aws(UNKNOWN_KEY, "kinesis", "list-streams"), (error: { stderr: string }) => /UnrecognizedClientException/.test(error.stderr));
    await assert.rejects(aws(WRONG_SECRET, "s3api", "list-objects-v2", "--bucket", "cli-signed"), (error: { stderr: string }) => /SignatureDoesNotMatch/.test(error.stderr));
    await assert.rejects(aws(UNKNOWN_KEY, "s3api", "list-objects-v2", "--bucket", "cli-signed"), (error: { stderr: string }) => /InvalidAccessKeyId/.test(error.stderr));
  });
});

describe("boto3 with credentials checked", { skip: BOTO3_PYTHON === undefined ? "boto3 is not installed (CI installs Debian's python3-boto3)" : false }, () => {
  let emulator: TestEmulator;

  useTestEmulator(
    (started) => {
      emulator = started;
    },
    { credentials: [KEY] },
  );

  const script = `
import boto3, json, sys, urllib.request
from botocore.config import Config
from botocore.exceptions import ClientError
endpoint, key_id, secret = sys.argv[1:4]
session = boto3.session.Session(aws_access_key_id=key_id, aws_secret_access_key=secret, region_name="us-east-1")
kinesis = session.client("kinesis", endpoint_url=endpoint)
s3 = session.client("s3", endpoint_url=endpoint, config=Config(s3={"addressing_style": "path"}, signature_version="s3v4"))
def attempt(call):
    try:
        call()
        return "ok"
    except ClientError as error:
        return error.response["Error"]["Code"]
result = {"kinesis": attempt(lambda: kinesis.create_stream(StreamName="boto-signed", ShardCount=1)),
          "s3": attempt(lambda: s3.create_bucket(Bucket="boto-signed"))}
if result["s3"] == "ok":
    s3.put_object(Bucket="boto-signed", Key="a b.json", Body=b'{"boto":1}')
    result["body"] = s3.get_object(Bucket="boto-signed", Key="a b.json")["Body"].read().decode()
    url = s3.generate_presigned_url("get_object", Params={"Bucket": "boto-signed", "Key": "a b.json"}, ExpiresIn=60)
    result["presigned"] = urllib.request.urlopen(url).read().decode()
print(json.dumps(result))
`;

  async function boto(key: TestKey): Promise<Record<string, string>> {
    const { stdout } = await run(BOTO3_PYTHON!, ["-c", script, emulator.emulator.url, key.accessKeyId, key.secretAccessKey], {
      env: { PATH: process.env["PATH"], HOME: tmpdir(), AWS_CONFIG_FILE: "/nonexistent", AWS_SHARED_CREDENTIALS_FILE: "/nonexistent" },
    });
    return JSON.parse(stdout) as Record<string, string>;
  }

  test("passes with the configured key: Kinesis, S3 put and get, and a presigned URL boto3 made", async () => {
    assert.deepEqual(await boto(KEY), { kinesis: "ok", s3: "ok", body: '{"boto":1}', presigned: '{"boto":1}' });
  });

  test("fails with the wrong secret or an unknown key, as the services word it", async () => {
    assert.deepEqual(await boto(WRONG_SECRET), { kinesis: "InvalidSignatureException", s3: "SignatureDoesNotMatch" });
    assert.deepEqual(await boto(UNKNOWN_KEY), { kinesis: "UnrecognizedClientException", s3: "InvalidAccessKeyId" });
  });
});
