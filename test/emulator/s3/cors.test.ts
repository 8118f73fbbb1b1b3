import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, test } from "node:test";
import {
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteBucketCorsCommand,
  GetBucketCorsCommand,
  GetObjectCommand,
  ListMultipartUploadsCommand,
  PutBucketCorsCommand,
  PutObjectCommand,
  type CORSRule,
} from "@aws-sdk/client-s3";
import { errorCode, rawRequest, type RawResponse } from "../../support/rawHttp";
import { rejectsWith } from "../../support/s3Helpers";
import { startTestEmulator, useTestEmulator, type TestEmulator } from "../../support/testEmulator";

const PAGE = "http://127.0.0.1:3000";
const OTHER = "http://127.0.0.1:4000";
const NOT_ENABLED = "CORSResponse: CORS is not enabled for this bucket.";
const NOT_ALLOWED =
  "CORSResponse: This CORS request is not allowed. This is usually because the evalution of Origin, request method / Access-Control-Request-Method or Access-Control-Request-Headers are not whitelisted by the resource's CORS spec.";
const VARY = "Origin, Access-Control-Request-Headers, Access-Control-Request-Method";

/** An element's text in an S3 error document, its entities decoded. */
function element(response: RawResponse, name: string): string | undefined {
  const text = new RegExp(`<${name}>([^<]*)</${name}>`).exec(response.body.toString("utf8"))?.[1];
  return text?.replace(/&apos;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

/** S3's CORS headers of an answer, by name. */
function corsHeaders(response: RawResponse): Record<string, unknown> {
  return Object.fromEntries(Object.entries(response.headers).filter(([name]) => name.startsWith("access-control-") || name === "vary"));
}

describe("S3 bucket CORS", () => {
  let emulator: TestEmulator;
  const put = (bucket: string, rules: CORSRule[]) => emulator.s3.send(new PutBucketCorsCommand({ Bucket: bucket, CORSConfiguration: { CORSRules: rules } }));
  const preflight = (path: string, headers: Record<string, string>) => rawRequest(emulator.emulator.url, { method: "OPTIONS", path, headers });
  const send = (method: string, path: string, headers: Record<string, string>, body?: string) => rawRequest(emulator.emulator.url, { method, path, headers, ...(body === undefined ? {} : { body }) });

  useTestEmulator(async (started) => {
    emulator = started;
    for (const bucket of ["cors-none", "cors-rules", "cors-star", "cors-io"]) {
      await emulator.s3.send(new CreateBucketCommand({ Bucket: bucket }));
    }
    await emulator.s3.send(new PutObjectCommand({ Bucket: "cors-rules", Key: "data.txt", Body: "cors body" }));
    await emulator.s3.send(new PutObjectCommand({ Bucket: "cors-star", Key: "data.txt", Body: "cors body" }));
    await put("cors-rules", [
      { ID: "page", AllowedOrigins: [PAGE, "http://*.example.com"], AllowedMethods: ["GET", "PUT"], AllowedHeaders: ["x-amz-*", "Content-Type"], ExposeHeaders: ["ETag", "x-amz-request-id"], MaxAgeSeconds: 3000 },
      { AllowedOrigins: [PAGE], AllowedMethods: ["DELETE"], MaxAgeSeconds: 10 },
      { AllowedOrigins: [OTHER], AllowedMethods: ["GET"] },
    ]);
    await put("cors-star", [{ AllowedOrigins: ["*"], AllowedMethods: ["GET", "HEAD"] }]);
  });

  describe("validation", () => {
    test("rejects a method S3 does not allow in CORS with InvalidRequest naming it", async () => {
      const error = await rejectsWith(put("cors-io", [{ AllowedOrigins: ["*"], AllowedMethods: ["PATCH"] }]), { name: "InvalidRequest", status: 400 });
      assert.equal(error.message, "Found unsupported HTTP method in CORS config. Unsupported method is PATCH");
    });

    test("rejects a configuration without rules with MalformedXML", async () => {
      await rejectsWith(put("cors-io", []), { name: "MalformedXML", status: 400 });
    });

    test("rejects a rule without AllowedOrigin with MalformedXML", async () => {
      await rejectsWith(put("cors-io", [{ AllowedOrigins: [], AllowedMethods: ["GET"] }]), { name: "MalformedXML", status: 400 });
    });

    test("rejects 101 rules with MalformedXML and takes 100", async () => {
      const rule = { AllowedOrigins: ["*"], AllowedMethods: ["GET"] };
      await rejectsWith(put("cors-io", Array.from({ length: 101 }, () => rule)), { name: "MalformedXML", status: 400 });
      await put("cors-io", Array.from({ length: 100 }, () => rule));
      assert.equal((await emulator.s3.send(new GetBucketCorsCommand({ Bucket: "cors-io" }))).CORSRules?.length, 100);
      await emulator.s3.send(new DeleteBucketCorsCommand({ Bucket: "cors-io" }));
    });

    test("rejects an AllowedOrigin or AllowedHeader with two wildcards with InvalidRequest", async () => {
      const origin = await rejectsWith(put("cors-io", [{ AllowedOrigins: ["http://*.*.com"], AllowedMethods: ["GET"] }]), { name: "InvalidRequest", status: 400 });
      assert.equal(origin.message, 'AllowedOrigin "http://*.*.com" can not have more than one wildcard.');
      const header = await rejectsWith(put("cors-io", [{ AllowedOrigins: ["*"], AllowedMethods: ["GET"], AllowedHeaders: ["x-*-*"] }]), { name: "InvalidRequest", status: 400 });
      assert.equal(header.message, 'AllowedHeader "x-*-*" can not have more than one wildcard.');
    });

    test("rejects a body that is not XML with MalformedXML, and one without Content-MD5 with InvalidRequest", async () => {
      const body = "<CORSConfiguration><CORSRule>";
      const md5 = createHash("md5").update(body).digest("base64");
      const malformed = await send("PUT", "/cors-io?cors", { "content-md5": md5 }, body);
      assert.equal(malformed.status, 400);
      assert.equal(errorCode(malformed), "MalformedXML");
      const unsummed = await send("PUT", "/cors-io?cors", {}, "<CORSConfiguration/>");
      assert.equal(unsummed.status, 400);
      assert.equal(errorCode(unsummed), "InvalidRequest");
    });
  });

  describe("errors", () => {
    test("answers GetBucketCors on a bucket without a configuration with NoSuchCORSConfiguration", async () => {
      const error = await rejectsWith(emulator.s3.send(new GetBucketCorsCommand({ Bucket: "cors-none" })), { name: "NoSuchCORSConfiguration", status: 404 });
      assert.equal(error.message, "The CORS configuration does not exist");
      assert.equal(error["BucketName"], "cors-none");
    });

    test("answers the three operations on a missing bucket with NoSuchBucket", async () => {
      await rejectsWith(emulator.s3.send(new GetBucketCorsCommand({ Bucket: "cors-missing" })), { name: "NoSuchBucket", status: 404 });
      await rejectsWith(emulator.s3.send(new DeleteBucketCorsCommand({ Bucket: "cors-missing" })), { name: "NoSuchBucket", status: 404 });
      await rejectsWith(put("cors-missing", [{ AllowedOrigins: ["*"], AllowedMethods: ["GET"] }]), { name: "NoSuchBucket", status: 404 });
    });
  });

  describe("configuration", () => {
    test("GetBucketCors answers the rules as put, in order", async () => {
      const answer = await emulator.s3.send(new GetBucketCorsCommand({ Bucket: "cors-rules" }));
      assert.deepEqual(answer.CORSRules, [
        { ID: "page", AllowedOrigins: [PAGE, "http://*.example.com"], AllowedMethods: ["GET", "PUT"], AllowedHeaders: ["x-amz-*", "Content-Type"], ExposeHeaders: ["ETag", "x-amz-request-id"], MaxAgeSeconds: 3000 },
        { AllowedOrigins: [PAGE], AllowedMethods: ["DELETE"], MaxAgeSeconds: 10 },
        { AllowedOrigins: [OTHER], AllowedMethods: ["GET"] },
      ]);
    });

    test("DeleteBucketCors answers 204, with or without a configuration, and removes it", async () => {
      await put("cors-io", [{ AllowedOrigins: ["*"], AllowedMethods: ["GET"] }]);
      const deleted = await emulator.s3.send(new DeleteBucketCorsCommand({ Bucket: "cors-io" }));
      assert.equal(deleted.$metadata.httpStatusCode, 204);
      await rejectsWith(emulator.s3.send(new GetBucketCorsCommand({ Bucket: "cors-io" })), { name: "NoSuchCORSConfiguration", status: 404 });
      assert.equal((await emulator.s3.send(new DeleteBucketCorsCommand({ Bucket: "cors-io" }))).$metadata.httpStatusCode, 204);
    });

    test("a configuration goes with its bucket", async () => {
      await emulator.s3.send(new CreateBucketCommand({ Bucket: "cors-gone" }));
      await put("cors-gone", [{ AllowedOrigins: ["*"], AllowedMethods: ["GET"] }]);
      await emulator.s3.send(new DeleteBucketCommand({ Bucket: "cors-gone" }));
      await emulator.s3.send(new CreateBucketCommand({ Bucket: "cors-gone" }));
      await rejectsWith(emulator.s3.send(new GetBucketCorsCommand({ Bucket: "cors-gone" })), { name: "NoSuchCORSConfiguration", status: 404 });
    });
  });

  describe("preflight (OPTIONS)", () => {
    test("without Origin: 400 BadRequest", async () => {
      const response = await preflight("/cors-rules/data.txt", { "access-control-request-method": "GET" });
      assert.equal(response.status, 400);
      assert.equal(errorCode(response), "BadRequest");
      assert.equal(element(response, "Message"), "Insufficient information. Origin request header needed.");
    });

    test("on a bucket without CORS: 403 AccessForbidden, CORS is not enabled, with method and resource type", async () => {
      const response = await preflight("/cors-none/key", { origin: PAGE, "access-control-request-method": "PUT" });
      assert.equal(response.status, 403);
      assert.equal(errorCode(response), "AccessForbidden");
      assert.equal(element(response, "Message"), NOT_ENABLED);
      assert.equal(element(response, "Method"), "PUT");
      assert.equal(element(response, "ResourceType"), "OBJECT");
      assert.deepEqual(corsHeaders(response), {});
    });

    test("on a missing bucket: 403 AccessForbidden, Bucket not found", async () => {
      const response = await preflight("/cors-missing", { origin: PAGE, "access-control-request-method": "GET" });
      assert.equal(response.status, 403);
      assert.equal(element(response, "Message"), "CORSResponse: Bucket not found");
      assert.equal(element(response, "ResourceType"), "BUCKET");
    });

    test("a matching rule answers 200 with S3's headers: the origin, credentials, methods, requested headers, exposed headers, max age, Vary", async () => {
      const response = await preflight("/cors-rules/data.txt", { origin: PAGE, "access-control-request-method": "PUT", "access-control-request-headers": "Content-Type, X-Amz-Date" });
      assert.equal(response.status, 200);
      assert.equal(response.body.length, 0);
      assert.deepEqual(corsHeaders(response), {
        "access-control-allow-origin": PAGE,
        "access-control-allow-credentials": "true",
        "access-control-allow-methods": "GET, PUT",
        "access-control-allow-headers": "content-type, x-amz-date",
        "access-control-expose-headers": "ETag, x-amz-request-id",
        "access-control-max-age": "3000",
        vary: VARY,
      });
    });

    test("an origin matched by a one-wildcard pattern is echoed", async () => {
      const response = await preflight("/cors-rules", { origin: "http://app.example.com", "access-control-request-method": "GET" });
      assert.equal(response.status, 200);
      assert.equal(response.headers["access-control-allow-origin"], "http://app.example.com");
    });

    test("a lone * answers Access-Control-Allow-Origin: * without credentials", async () => {
      const response = await preflight("/cors-star/data.txt", { origin: "http://anywhere.test", "access-control-request-method": "GET" });
      assert.equal(response.status, 200);
      assert.deepEqual(corsHeaders(response), { "access-control-allow-origin": "*", "access-control-allow-methods": "GET, HEAD", vary: VARY });
    });

    test("rules are tried in order: the first that allows the method answers", async () => {
      const response = await preflight("/cors-rules/data.txt", { origin: PAGE, "access-control-request-method": "DELETE" });
      assert.equal(response.status, 200);
      assert.equal(response.headers["access-control-allow-methods"], "DELETE");
      assert.equal(response.headers["access-control-max-age"], "10");
    });

    for (const [what, headers] of [
      ["an origin no rule names", { origin: "http://127.0.0.1:5000", "access-control-request-method": "GET" }],
      ["a method the origin's rules do not allow", { origin: OTHER, "access-control-request-method": "PUT" }],
      ["a header no AllowedHeader matches", { origin: PAGE, "access-control-request-method": "GET", "access-control-request-headers": "authorization" }],
      ["a header on a rule without AllowedHeader", { origin: OTHER, "access-control-request-method": "GET", "access-control-request-headers": "x-amz-date" }],
    ] as const) {
      test(`refuses ${what} with 403 AccessForbidden, This CORS request is not allowed`, async () => {
        const response = await preflight("/cors-rules/data.txt", headers);
        assert.equal(response.status, 403);
        assert.equal(errorCode(response), "AccessForbidden");
        assert.equal(element(response, "Message"), NOT_ALLOWED);
        assert.equal(element(response, "Method"), headers["access-control-request-method"]);
        assert.deepEqual(corsHeaders(response), {});
      });
    }

    test("without Access-Control-Request-Method on a bucket with CORS: 400 BadRequest", async () => {
      const response = await preflight("/cors-rules/data.txt", { origin: PAGE });
      assert.equal(response.status, 400);
      assert.equal(errorCode(response), "BadRequest");
    });
  });

  describe("actual requests from another origin", () => {
    test("an allowed origin's GET is answered with the rule's CORS headers", async () => {
      const response = await send("GET", "/cors-rules/data.txt", { origin: PAGE });
      assert.equal(response.status, 200);
      assert.equal(response.body.toString(), "cors body");
      assert.deepEqual(corsHeaders(response), {
        "access-control-allow-origin": PAGE,
        "access-control-allow-credentials": "true",
        "access-control-allow-methods": "GET, PUT",
        "access-control-expose-headers": "ETag, x-amz-request-id",
        "access-control-max-age": "3000",
        vary: VARY,
      });
    });

    test("an allowed origin's error answer carries the CORS headers too, so its page can read it", async () => {
      const response = await send("GET", "/cors-rules/missing.txt", { origin: PAGE });
      assert.equal(response.status, 404);
      assert.equal(errorCode(response), "NoSuchKey");
      assert.equal(response.headers["access-control-allow-origin"], PAGE);
    });

    test("an origin no rule allows is refused before the operation runs (deliberately unlike S3, which serves it without CORS headers)", async () => {
      const get = await send("GET", "/cors-rules/data.txt", { origin: "http://127.0.0.1:5000" });
      assert.equal(get.status, 403);
      assert.equal(errorCode(get), "AccessForbidden");
      assert.equal(element(get, "Message"), NOT_ALLOWED);
      const wrongMethod = await send("PUT", "/cors-rules/data.txt", { origin: OTHER }, "replaced");
      assert.equal(wrongMethod.status, 403);
      const object = await emulator.s3.send(new GetObjectCommand({ Bucket: "cors-rules", Key: "data.txt" }));
      assert.equal(await object.Body?.transformToString(), "cors body");
    });

    test("a simple POST from another origin to a bucket without CORS creates no multipart upload", async () => {
      const response = await send("POST", "/cors-none/x?uploads", { origin: PAGE, "content-type": "text/plain" });
      assert.equal(response.status, 403);
      assert.equal(element(response, "Message"), NOT_ENABLED);
      const uploads = await emulator.s3.send(new ListMultipartUploadsCommand({ Bucket: "cors-none" }));
      assert.deepEqual(uploads.Uploads ?? [], []);
    });

    test("a request another site started without Origin (Sec-Fetch-Site) is allowed only by a lone *", async () => {
      const refused = await send("GET", "/cors-rules/data.txt", { "sec-fetch-site": "cross-site" });
      assert.equal(refused.status, 403);
      const served = await send("GET", "/cors-star/data.txt", { "sec-fetch-site": "same-site" });
      assert.equal(served.status, 200);
      assert.deepEqual(corsHeaders(served), {});
    });

    test("the emulator's own origin, a typed URL and clients that send no Origin pass as before", async () => {
      const url = new URL(emulator.emulator.url);
      const cases: Record<string, string>[] = [{ origin: url.origin }, { "sec-fetch-site": "none" }, { "sec-fetch-site": "same-origin" }, {}];
      for (const headers of cases) {
        const response = await send("GET", "/cors-none", headers);
        assert.equal(response.status, 200, JSON.stringify(headers));
        assert.deepEqual(corsHeaders(response), {});
      }
    });
  });
});

describe("S3 bucket CORS across a restart", () => {
  test("the configuration is read back from the bucket's metadata", async () => {
    const first = await startTestEmulator();
    await first.s3.send(new CreateBucketCommand({ Bucket: "cors-kept" }));
    await first.s3.send(new PutBucketCorsCommand({ Bucket: "cors-kept", CORSConfiguration: { CORSRules: [{ AllowedOrigins: [PAGE], AllowedMethods: ["GET"], MaxAgeSeconds: 60 }] } }));
    await first.stop();
    const second = await startTestEmulator({ dataDir: first.dataDir });
    try {
      const answer = await second.s3.send(new GetBucketCorsCommand({ Bucket: "cors-kept" }));
      assert.deepEqual(answer.CORSRules, [{ AllowedOrigins: [PAGE], AllowedMethods: ["GET"], MaxAgeSeconds: 60 }]);
    } finally {
      await second.close();
    }
  });

  test("a configuration edited by hand into something else is dropped, logged, and the emulator starts", async () => {
    const first = await startTestEmulator();
    await first.s3.send(new CreateBucketCommand({ Bucket: "cors-edited" }));
    await first.s3.send(new PutBucketCorsCommand({ Bucket: "cors-edited", CORSConfiguration: { CORSRules: [{ AllowedOrigins: [PAGE], AllowedMethods: ["GET"] }] } }));
    await first.stop();
    const file = join(first.dataDir, "s3", ".meta", "cors-edited", "bucket.json");
    const saved = JSON.parse(await readFile(file, "utf8")) as Record<string, unknown>;
    await writeFile(file, JSON.stringify({ ...saved, cors: [{ allowedOrigins: "everyone" }] }));
    const log: string[] = [];
    const second = await startTestEmulator({ dataDir: first.dataDir, log: (line) => log.push(line) });
    try {
      await rejectsWith(second.s3.send(new GetBucketCorsCommand({ Bucket: "cors-edited" })), { name: "NoSuchCORSConfiguration", status: 404 });
      assert.ok(log.some((line) => line.includes("ignoring the CORS configuration")), log.join("\n"));
    } finally {
      await second.close();
    }
  });

  test("a bucket folder made by hand takes a configuration", async () => {
    const first = await startTestEmulator();
    await first.stop();
    await mkdir(join(first.dataDir, "s3", "cors-by-hand"));
    const second = await startTestEmulator({ dataDir: first.dataDir });
    try {
      await second.s3.send(new PutBucketCorsCommand({ Bucket: "cors-by-hand", CORSConfiguration: { CORSRules: [{ AllowedOrigins: ["*"], AllowedMethods: ["GET"] }] } }));
      assert.equal((await second.s3.send(new GetBucketCorsCommand({ Bucket: "cors-by-hand" }))).CORSRules?.length, 1);
    } finally {
      await second.close();
    }
  });
});
