import { createHash } from "node:crypto";
import type { FuzzRequest } from "./fuzzHttp";
import type { SeededRandom } from "@gpu-stream/shared";
import { drawBytes, drawInt, drawOne } from "./randomDraws";

/** What the fuzz run created first, so some requests reach real buckets, objects and uploads. */
export interface S3FuzzTargets {
  readonly bucket: string;
  readonly keys: readonly string[];
  readonly uploadIds: readonly string[];
}

const METHODS = ["GET", "GET", "PUT", "PUT", "POST", "DELETE", "HEAD", "OPTIONS", "PATCH", "PROPFIND", "TRACE"];

function bucketPart(random: SeededRandom, targets: S3FuzzTargets): string {
  return drawOne(random, [
    targets.bucket,
    targets.bucket,
    targets.bucket,
    `fuzz-new-${drawInt(random, 20)}`,
    "no-such-bucket-here",
    "Bad_Bucket",
    "ab",
    "a".repeat(64),
    "..",
    ".",
    "%zz",
    "%2e%2e",
    `${targets.bucket}.`,
    "192.168.1.1",
    "xn--bucket",
    "bucket-s3alias",
    // A valid bucket name that plain objects also answer (Object.prototype.constructor).
    "constructor",
    "%F0%9F%98%80",
    "%00",
  ]);
}

function keyPart(random: SeededRandom, targets: S3FuzzTargets): string {
  return drawOne(random, [
    ...targets.keys.map((key) => key.split("/").map(encodeURIComponent).join("/")),
    `new-${drawInt(random, 50)}`,
    `dir/new-${drawInt(random, 50)}`,
    "a/../../../etc/passwd",
    "..",
    "../..",
    ".%2E/x",
    "%00",
    "%ff%fe",
    "%zz",
    "%",
    "%2",
    "a%2Fb",
    "dir/",
    "/",
    "//x",
    "%F0%9F%98%80",
    "a+b%20c",
    "k".repeat(1100),
    `${"s".repeat(300)}/${"t".repeat(300)}`,
    "%5C..%5C..%5Cwin",
    "CON",
    "__proto__",
    "constructor",
    "a%09b",
  ]);
}

const QUERY_PARAMETERS: readonly ((random: SeededRandom, targets: S3FuzzTargets) => string)[] = [
  () => "uploads",
  (random, targets) => `uploadId=${random.chance(0.5) && targets.uploadIds.length > 0 ? drawOne(random, targets.uploadIds) : drawOne(random, ["", "garbage", "%zz", "../../x", "0".repeat(500)])}`,
  (random) => `partNumber=${drawOne(random, ["-1", "0", "1", "2", "10000", "10001", "abc", "1e3", "", "99999999999999999999", "1.5", "%20"])}`,
  (random) => `list-type=${drawOne(random, ["2", "9", "abc", "", "-2"])}`,
  (random) => `max-keys=${drawOne(random, ["-5", "0", "1", "abc", "99999999999999999999", "1e2", ""])}`,
  (random) => `prefix=${drawOne(random, ["", "dir/", "%zz", "..", "%F0%9F%98%80", "a".repeat(2000)])}`,
  (random) => `delimiter=${drawOne(random, ["/", "", "%00", "ab", "%F0%9F%98%80"])}`,
  (random) => `continuation-token=${drawOne(random, ["", "garbage", "AAAA", "%zz", "eyJ4IjoxfQ==", "a".repeat(5000)])}`,
  (random) => `start-after=${drawOne(random, ["", "obj", "%ff"])}`,
  (random) => `marker=${drawOne(random, ["", "obj", "zzz"])}`,
  (random) => `encoding-type=${drawOne(random, ["url", "bad", ""])}`,
  (random) => `max-uploads=${drawOne(random, ["-1", "0", "abc", "1001"])}`,
  (random) => `max-parts=${drawOne(random, ["-1", "0", "abc", "1001"])}`,
  (random) => `part-number-marker=${drawOne(random, ["-3", "abc", "1"])}`,
  (random) => `key-marker=${drawOne(random, ["", "obj", "%ff"])}`,
  (random) => `upload-id-marker=${drawOne(random, ["", "garbage"])}`,
  (random) => `versionId=${drawOne(random, ["null", "x", ""])}`,
  () => "location",
  () => "delete",
  () => "acl",
  () => "tagging",
  () => "versions",
  () => "select",
  () => "restore",
  () => "attributes",
  () => "policy",
  (random) => `response-content-type=${drawOne(random, ["text/plain", "%0d%0aX-Injected:1", ""])}`,
  (random) => `response-content-disposition=${drawOne(random, ["attachment", "%0d%0a"])}`,
  (random) => `x-id=${drawOne(random, ["PutObject", "GetObject", "Bogus"])}`,
  () => "%zz",
  () => "a=%zz",
  () => "=",
  () => "&&",
];

function range(random: SeededRandom): string {
  return drawOne(random, ["bytes=9-1", "bytes=0-0", "bytes=-5", "bytes=5-", "bytes=abc", "bytes=0-1,2-3", "bytes=99999999999999999999-", "items=0-1", "bytes=-0", "", "bytes=-", "bytes=1-2-3", "bytes=-99999999999999999999"]);
}

function checksumHeader(random: SeededRandom): [string, string] {
  const algorithm = drawOne(random, ["crc32", "crc32c", "sha1", "sha256", "crc64nvme", "md5", "bogus"]);
  return [`x-amz-checksum-${algorithm}`, drawOne(random, ["", "abc", "AAAAAA==", "!!!", "AAAAAAAAAAA=", "A".repeat(44), "=="])];
}

const HEADER_MUTATIONS: readonly ((random: SeededRandom, targets: S3FuzzTargets) => [string, string])[] = [
  (random) => ["range", range(random)],
  (random, targets) => [
    "x-amz-copy-source",
    drawOne(random, ["", "/", targets.bucket, `${targets.bucket}/${targets.keys[0]}`, `/${targets.bucket}/${targets.keys[0]}`, `/${targets.bucket}/${targets.keys[0]}?versionId=x`, "%zz", "/no-such-bucket-here/obj", `/${targets.bucket}/${"k".repeat(1200)}`, `${targets.bucket}/missing`, "/../..", `/${targets.bucket}/%ff`, "?", "//"]),
  ],
  (random) => ["x-amz-copy-source-range", drawOne(random, ["bytes=0-1", "bytes=9-1", "garbage", "bytes=-1"])],
  (random) => ["x-amz-copy-source-if-match", drawOne(random, ["", "*", '"abc"', "garbage"])],
  (random) => ["x-amz-copy-source-if-modified-since", drawOne(random, ["", "garbage", "Tue, 01 Jan 3000 00:00:00 GMT", "0"])],
  (random) => ["x-amz-metadata-directive", drawOne(random, ["COPY", "REPLACE", "BAD", ""])],
  (random) => ["content-md5", drawOne(random, ["", "abc", "AAAAAAAAAAAAAAAAAAAAAA==", "!!!", "1B2M2Y8AsgTpgAmY7PhCfg==", "1B2M2Y8AsgTpgAmY7PhCfg", "A".repeat(200)])],
  checksumHeader,
  (random) => ["x-amz-sdk-checksum-algorithm", drawOne(random, ["CRC32", "BOGUS", "crc32", "", "SHA256", "CRC64NVME"])],
  (random) => ["x-amz-trailer", drawOne(random, ["x-amz-checksum-crc32", "bogus", "x-amz-checksum-crc64nvme", "", "x-amz-checksum-", "x-amz-checksum-crc32,x-amz-checksum-sha1"])],
  (random) => ["x-amz-content-sha256", drawOne(random, ["UNSIGNED-PAYLOAD", "STREAMING-UNSIGNED-PAYLOAD-TRAILER", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD", "abc", "0".repeat(64), ""])],
  (random) => ["content-encoding", drawOne(random, ["aws-chunked", "gzip", "aws-chunked,gzip", "", "br, aws-chunked"])],
  (random) => ["x-amz-decoded-content-length", drawOne(random, ["-1", "abc", "5", "99999999999", "", "1e3", "0"])],
  (random) => ["if-match", drawOne(random, ["", "*", '"abc"', "garbage", '"a", "b"'])],
  (random) => ["if-none-match", drawOne(random, ["", "*", '"abc"'])],
  (random) => ["if-modified-since", drawOne(random, ["", "garbage", "Tue, 01 Jan 3000 00:00:00 GMT", "-1", "Mon, 32 Foo 2020 99:99:99 GMT"])],
  (random) => ["if-unmodified-since", drawOne(random, ["garbage", "Thu, 01 Jan 1970 00:00:00 GMT"])],
  (random) => [`x-amz-meta-${drawOne(random, ["a", "long", "Mixed-Case", "x".repeat(200)])}`, drawOne(random, ["", "v", "v".repeat(3000), "=?UTF-8?B?w6k=?="])],
  (random) => ["content-type", drawOne(random, ["", "text/plain", "garbage", "multipart/form-data", "application/xml; charset=utf-16"])],
  (random) => ["x-amz-storage-class", drawOne(random, ["STANDARD", "GLACIER", "BOGUS", ""])],
  (random) => ["x-amz-acl", drawOne(random, ["private", "bogus", ""])],
  (random) => ["x-amz-tagging", drawOne(random, ["a=b", "%zz", "=", "a=b&a=c"])],
  (random) => ["x-amz-server-side-encryption", drawOne(random, ["AES256", "aws:kms", "bogus"])],
  (random) => ["x-amz-checksum-mode", drawOne(random, ["ENABLED", "bogus"])],
  (random) => ["x-amz-mp-parts-count", drawOne(random, ["-1", "abc"])],
  (random) => ["x-amz-object-attributes", drawOne(random, ["ETag", "Bogus", ""])],
  (random) => ["x-amz-expected-bucket-owner", drawOne(random, ["000000000000", "111111111111", "abc"])],
  (random) => ["host", drawOne(random, ["fuzz-bucket.localhost", "s3.localhost", "a.b.localhost:1", "localhost", "[::1]", "...localhost", "%zz.localhost"])],
];

function awsChunked(random: SeededRandom): Buffer {
  return Buffer.from(
    drawOne(random, [
      "5\r\nhello\r\n0\r\n\r\n",
      "5\r\nhello\r\n0\r\nx-amz-checksum-crc32:AAAAAA==\r\n\r\n",
      "zz\r\nhello\r\n0\r\n\r\n",
      "5\r\nhel",
      "5\r\nhelloXX0\r\n\r\n",
      "ffffffffffffffff\r\nhello\r\n",
      "fffffffffffffffff\r\nx\r\n",
      "5;chunk-signature=abc\r\nhello\r\n0;chunk-signature=def\r\n\r\n",
      "0\r\n\r\nextra",
      "0\r\nnot a trailer\r\n\r\n",
      "0\r\n:x\r\n\r\n",
      "-5\r\nhello\r\n0\r\n\r\n",
      "\r\n\r\n",
      "",
      "5\r\nhello\r\n",
      `${"1".repeat(9000)}\r\n`,
    ]),
    "latin1",
  );
}

function xmlBody(random: SeededRandom, targets: S3FuzzTargets): Buffer {
  const part = (number: string, etag: string): string => `<Part><PartNumber>${number}</PartNumber><ETag>${etag}</ETag></Part>`;
  return Buffer.from(
    drawOne(random, [
      `<CompleteMultipartUpload>${part("1", '"abc"')}</CompleteMultipartUpload>`,
      `<CompleteMultipartUpload>${part("-1", "x")}${part("-1", "x")}</CompleteMultipartUpload>`,
      `<CompleteMultipartUpload>${part("2", "x")}${part("1", "x")}</CompleteMultipartUpload>`,
      `<CompleteMultipartUpload>${part("abc", "")}</CompleteMultipartUpload>`,
      `<CompleteMultipartUpload>${part("99999999999999999999", "x")}</CompleteMultipartUpload>`,
      "<CompleteMultipartUpload></CompleteMultipartUpload>",
      "<CompleteMultipartUpload><Part></Part></CompleteMultipartUpload>",
      "<CompleteMultipartUpload><Part><PartNumber><x/></PartNumber></Part></CompleteMultipartUpload>",
      `<Delete><Object><Key>${targets.keys[0]}</Key></Object><Quiet>true</Quiet></Delete>`,
      "<Delete><Object><Key></Key></Object></Delete>",
      "<Delete><Object></Object></Delete>",
      "<Delete><Object><Key><a/></Key></Object></Delete>",
      `<Delete>${"<Object><Key>k</Key></Object>".repeat(1001)}</Delete>`,
      "<Delete><Quiet>maybe</Quiet></Delete>",
      "<Delete/>",
      "<CreateBucketConfiguration><LocationConstraint>mars-north-9</LocationConstraint></CreateBucketConfiguration>",
      "<CreateBucketConfiguration><LocationConstraint><x/></LocationConstraint></CreateBucketConfiguration>",
      "<CreateBucketConfiguration/>",
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><Delete><Object><Key>&lol3;</Key></Object></Delete>',
      '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><Delete><Object><Key>&e;</Key></Object></Delete>',
      `${"<a>".repeat(10_000)}${"</a>".repeat(10_000)}`,
      "<Delete><Object><Key>a</Key></Object>",
      "<<<>>>",
      "<Delete><Object><Key>\u0000</Key></Object></Delete>",
      "not xml at all",
      "<__proto__><x>1</x></__proto__>",
      "<Delete><__proto__><Key>a</Key></__proto__><constructor>1</constructor></Delete>",
    ]),
    "utf8",
  );
}

function bodyFor(method: string, headers: Record<string, string>, random: SeededRandom, targets: S3FuzzTargets): Buffer | undefined {
  if (method === "GET" || method === "HEAD" ? !random.chance(0.1) : random.chance(0.15)) {
    return undefined;
  }
  if (headers["content-encoding"]?.includes("aws-chunked") === true || headers["x-amz-content-sha256"]?.startsWith("STREAMING") === true || random.chance(0.1)) {
    return awsChunked(random);
  }
  if (method === "POST" || random.chance(0.2)) {
    return xmlBody(random, targets);
  }
  const bytes = drawBytes(random, drawOne(random, [0, 1, 5, 100, 4096, 70_000]));
  if (random.chance(0.2)) {
    // A Content-MD5 that matches, so the body gets past that check to the next.
    headers["content-md5"] = createHash("md5").update(bytes).digest("base64");
  }
  return bytes;
}

/** One random S3 REST request: random method, path, query string, headers and body, aimed mostly at the fuzz bucket. */
export function s3FuzzRequest(random: SeededRandom, targets: S3FuzzTargets): FuzzRequest {
  const method = drawOne(random, METHODS);
  const bucket = random.chance(0.05) ? "" : bucketPart(random, targets);
  const key = bucket === "" || random.chance(0.3) ? "" : `/${keyPart(random, targets)}`;
  const parameters = Array.from({ length: drawOne(random, [0, 0, 1, 1, 2, 3]) }, () => drawOne(random, QUERY_PARAMETERS)(random, targets));
  const path = `/${bucket}${key}${parameters.length > 0 ? `?${parameters.join("&")}` : ""}`;
  const headers: Record<string, string> = {};
  for (let count = drawOne(random, [0, 1, 1, 2, 3]); count > 0; count -= 1) {
    const [name, value] = drawOne(random, HEADER_MUTATIONS)(random, targets);
    headers[name] = value;
  }
  const body = bodyFor(method, headers, random, targets);
  const described = Object.entries(headers)
    .map(([name, value]) => `${name}: ${value.length > 40 ? `${value.slice(0, 40)}...` : value}`)
    .join("; ");
  return {
    label: `S3 ${method} ${path.length > 120 ? `${path.slice(0, 120)}...` : path}${described === "" ? "" : ` [${described}]`}${body === undefined ? "" : ` body ${body.length} bytes`}`,
    method,
    path,
    headers,
    ...(body === undefined ? {} : { body }),
  };
}
