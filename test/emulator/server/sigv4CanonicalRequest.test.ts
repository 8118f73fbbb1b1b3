import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { getCanonicalHeaders, SignatureV4 } from "@smithy/signature-v4";
import type { IncomingHttpHeaders } from "node:http";
import type * as CanonicalRequestModule from "@gpu-stream/emulator/internal/server/auth/canonicalRequest";
import type * as ChunkSignatureChainModule from "@gpu-stream/emulator/internal/server/auth/ChunkSignatureChain";
import type * as ParseAuthorizationModule from "@gpu-stream/emulator/internal/server/auth/parseAuthorization";
import type * as SignatureRefusalModule from "@gpu-stream/emulator/internal/server/auth/SignatureRefusal";
import type * as SigningKeyModule from "@gpu-stream/emulator/internal/server/auth/signingKey";
import type * as UriEncodeModule from "@gpu-stream/emulator/internal/server/auth/uriEncode";
import type * as VerifySignatureModule from "@gpu-stream/emulator/internal/server/auth/verifySignature";
import { NodeSha256, sha256Hex as sha256, wireQuery } from "../../support/signRequest";

// The verifier is not part of the package's public API: load its modules through the internal entry.
function auth<T>(name: string): T {
  return require(`@gpu-stream/emulator/internal/server/auth/${name}`) as T;
}
const { canonicalHeaders, canonicalQuery, canonicalRequest, canonicalUri } = auth<typeof CanonicalRequestModule>("canonicalRequest");
const { ChunkSignatureChain } = auth<typeof ChunkSignatureChainModule>("ChunkSignatureChain");
const { parseAuthorization } = auth<typeof ParseAuthorizationModule>("parseAuthorization");
const { SignatureRefusal } = auth<typeof SignatureRefusalModule>("SignatureRefusal");
const { signingKey, EMPTY_SHA256 } = auth<typeof SigningKeyModule>("signingKey");
const { uriEncode } = auth<typeof UriEncodeModule>("uriEncode");
const { verifySignature } = auth<typeof VerifySignatureModule>("verifySignature");

type RefusalKind = SignatureRefusalModule.RefusalReason["kind"];

/** AWS's SigV4 test suite signs as AKIDEXAMPLE at 2015-08-30T12:36:00Z for service `service` in us-east-1. */
const SUITE_KEY = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" };
const SUITE_NOW = Date.UTC(2015, 7, 30, 12, 36, 0);
/** S3's documentation signs as AKIAIOSFODNN7EXAMPLE at 2013-05-24T00:00:00Z. */
const S3_DOC_KEY = { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" };
const S3_DOC_NOW = Date.UTC(2013, 4, 24, 0, 0, 0);
const WELCOME_SHA256 = sha256("Welcome to Amazon S3.");

interface SignedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
}

function verify(request: SignedRequest, options: { key: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }; service: string; payloadHash: string; now: number }) {
  const signature = parseAuthorization(request.headers, request.url, options.service === "s3");
  return verifySignature(request, signature, { keys: new Map([[options.key.accessKeyId, options.key]]), service: options.service, payloadHash: options.payloadHash, now: options.now });
}

function refusalOf(run: () => unknown): RefusalKind {
  try {
    run();
  } catch (error) {
    if (error instanceof SignatureRefusal) {
      return error.reason.kind;
    }
    throw error;
  }
  assert.fail("expected the signature to be refused");
}

/** Another signature of the same length, so only the comparison can tell them apart. */
function alter(signature: string): string {
  return `${signature.slice(0, -1)}${signature.endsWith("0") ? "1" : "0"}`;
}

function suiteRequest(method: string, url: string, signature: string): SignedRequest {
  return {
    method,
    url,
    headers: {
      host: "example.amazonaws.com",
      "x-amz-date": "20150830T123600Z",
      authorization: `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=${signature}`,
    },
  };
}

function s3DocRequest(method: string, url: string, headers: Record<string, string>, signedHeaders: string, signature: string): SignedRequest {
  return {
    method,
    url,
    headers: {
      host: "examplebucket.s3.amazonaws.com",
      "x-amz-date": "20130524T000000Z",
      ...headers,
      authorization: `AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,SignedHeaders=${signedHeaders},Signature=${signature}`,
    },
  };
}

describe("SigV4 verification, against AWS's published examples and the SDK's signer", () => {
  describe("behaviour", () => {
    test("verifies AWS's SigV4 test suite examples get-vanilla, get-vanilla-query-order-key-case and post-vanilla", () => {
      for (const [method, url, signature] of [
        ["GET", "/", "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"],
        ["GET", "/?Param2=value2&Param1=value1", "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500"],
        ["POST", "/", "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b"],
      ] as const) {
        const options = { key: SUITE_KEY, service: "service", payloadHash: EMPTY_SHA256, now: SUITE_NOW };
        assert.equal(verify(suiteRequest(method, url, signature), options).signature, signature);
        assert.equal(refusalOf(() => verify(suiteRequest(method, url, alter(signature)), options)), "mismatch");
      }
    });

    test("verifies S3's documented GET Object, PUT Object, GET lifecycle and list examples, signed with the path as sent once", () => {
      const examples = [
        s3DocRequest("GET", "/test.txt", { range: "bytes=0-9", "x-amz-content-sha256": EMPTY_SHA256 }, "host;range;x-amz-content-sha256;x-amz-date", "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41"),
        s3DocRequest(
          "PUT",
          "/test%24file.text",
          { date: "Fri, 24 May 2013 00:00:00 GMT", "x-amz-storage-class": "REDUCED_REDUNDANCY", "x-amz-content-sha256": WELCOME_SHA256 },
          "date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class",
          "98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd",
        ),
        s3DocRequest("GET", "/?lifecycle", { "x-amz-content-sha256": EMPTY_SHA256 }, "host;x-amz-content-sha256;x-amz-date", "fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543"),
        s3DocRequest("GET", "/?max-keys=2&prefix=J", { "x-amz-content-sha256": EMPTY_SHA256 }, "host;x-amz-content-sha256;x-amz-date", "34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7"),
      ];
      for (const example of examples) {
        const payloadHash = String(example.headers["x-amz-content-sha256"]);
        assert.equal(verify(example, { key: S3_DOC_KEY, service: "s3", payloadHash, now: S3_DOC_NOW }).accessKeyId, "AKIAIOSFODNN7EXAMPLE");
        const tampered = { ...example, headers: { ...example.headers, host: "otherbucket.s3.amazonaws.com" } };
        assert.equal(refusalOf(() => verify(tampered, { key: S3_DOC_KEY, service: "s3", payloadHash, now: S3_DOC_NOW })), "mismatch");
      }
    });

    test("verifies S3's documented presigned GET until X-Amz-Expires has passed, and not after", () => {
      const url =
        "/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request" +
        "&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404";
      const request = { method: "GET", url, headers: { host: "examplebucket.s3.amazonaws.com" } };
      const at = (now: number) => () => verify(request, { key: S3_DOC_KEY, service: "s3", payloadHash: "UNSIGNED-PAYLOAD", now });
      assert.equal(at(S3_DOC_NOW)().scope, "20130524/us-east-1/s3/aws4_request");
      assert.equal(at(S3_DOC_NOW + 86_400_000)().accessKeyId, "AKIAIOSFODNN7EXAMPLE");
      assert.equal(refusalOf(at(S3_DOC_NOW + 86_401_000)), "expired");
      assert.equal(refusalOf(at(S3_DOC_NOW - 16 * 60_000)), "notYetValid");
      assert.equal(refusalOf(() => verify({ ...request, url: url.replace("Expires=86400", "Expires=86401") }, { key: S3_DOC_KEY, service: "s3", payloadHash: "UNSIGNED-PAYLOAD", now: S3_DOC_NOW })), "mismatch");
    });

    test("chains S3's documented chunk signatures from the seed, and refuses a chunk altered or out of order", () => {
      const seed = s3DocChunkSeed();
      const first = sha256(Buffer.alloc(65536, "a"));
      const second = sha256(Buffer.alloc(1024, "a"));
      const chain = new ChunkSignatureChain(seed, false);
      assert.equal(chain.chunk("ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648", first), true);
      assert.equal(chain.chunk("0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497", second), true);
      assert.equal(chain.finish(new Map()), false, "the empty last chunk has not come yet");
      assert.equal(chain.chunk("b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9", EMPTY_SHA256), true);
      assert.equal(chain.finish(new Map()), true);

      const altered = new ChunkSignatureChain(seed, false);
      assert.equal(altered.chunk("ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648", sha256(Buffer.alloc(65536, "b"))), false);
      const reordered = new ChunkSignatureChain(seed, false);
      assert.equal(reordered.chunk("0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497", second), false);
    });

    test("verifies the trailer signature of the same chain as AWS's CRT tests sign it (trailers first:1st, second:2nd, third:3rd)", () => {
      const seed = s3DocChunkSeed();
      const chained = () => {
        const chain = new ChunkSignatureChain(seed, true);
        chain.chunk("ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648", sha256(Buffer.alloc(65536, "a")));
        chain.chunk("0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497", sha256(Buffer.alloc(1024, "a")));
        chain.chunk("b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9", EMPTY_SHA256);
        return chain;
      };
      const trailers = (third: string, signature?: string) =>
        new Map([["first", "1st"], ["second", "2nd"], ["third", third], ...(signature === undefined ? [] : [["x-amz-trailer-signature", signature] as [string, string]])]);
      const signature = "df5735bd9f3295cd9386572292562fefc93ba94e80a0a1ddcbd652c4e0a75e6c";
      assert.equal(chained().finish(trailers("3rd", signature)), true);
      assert.equal(chained().finish(trailers("4th", signature)), false);
      assert.equal(chained().finish(trailers("3rd")), false);
    });

    for (const service of ["s3", "kinesis"]) {
      test(`accepts what the SDK's signer signs for ${service}, and builds the same canonical request`, async () => {
        const signer = new SignatureV4({ service, region: "eu-west-3", credentials: SUITE_KEY, sha256: NodeSha256, uriEscapePath: service !== "s3" });
        const paths =
          service === "s3"
            ? ["/", "/bucket/a%20b/c%2Bd%21%27%28%29%2A~e", "/bucket/%C3%A4%C3%B6/x//y/./z/../w", "/bucket/trailing/"]
            : ["/", "/a%20b/c", "/a/./b/../c/", "//double//slash"];
        for (const path of paths) {
          const query = { b: "2", a: ["z", "y"], "x y": "a/b+c=", empty: "", "\u00fc": "\u00e9" };
          const body = '{"StreamName":"s"}';
          const payloadHash = service === "s3" ? "UNSIGNED-PAYLOAD" : sha256(body);
          const signed = await signer.sign(
            {
              method: "POST",
              protocol: "http:",
              hostname: "127.0.0.1",
              port: 4566,
              path,
              query,
              headers: { host: "127.0.0.1:4566", "content-type": "application/x-amz-json-1.1", "x-amz-meta-spaced": "  a   b \t c  ", ...(service === "s3" ? { "x-amz-content-sha256": payloadHash } : {}) },
              body,
            },
            { signingDate: new Date(SUITE_NOW) },
          );
          const request = { method: "POST", url: `${path}?${wireQuery(query)}`, headers: Object.fromEntries(Object.entries(signed.headers).map(([name, value]) => [name.toLowerCase(), value])) };
          const verified = verify(request, { key: SUITE_KEY, service, payloadHash, now: SUITE_NOW });
          assert.equal(verified.signature, /Signature=([0-9a-f]+)/.exec(String(request.headers.authorization))![1], path);

          const oracle = (signer as unknown as { createCanonicalRequest(request: unknown, headers: unknown, payloadHash: string): string }).createCanonicalRequest(
            signed,
            getCanonicalHeaders(signed, new Set(["authorization"])),
            payloadHash,
          );
          const signedHeaders = /SignedHeaders=([^,]+)/.exec(String(request.headers.authorization))![1]!.split(";");
          assert.equal(canonicalRequest({ method: "POST", url: request.url, headers: request.headers, signedHeaders, payloadHash, service, presigned: false }), oracle, path);
        }
      });
    }

    test("UriEncodes as SigV4 does: unreserved characters stay, everything else is UTF-8 in upper-case hex", () => {
      assert.equal(uriEncode("AZaz09-._~"), "AZaz09-._~");
      assert.equal(uriEncode("a b+c*!'()é/"), "a%20b%2Bc%2A%21%27%28%29%C3%A9%2F");
      assert.equal(uriEncode("a/b c", true), "a/b%20c");
    });

    test("encodes a JSON service's path twice after normalizing it, and S3's once as it is", () => {
      assert.equal(canonicalUri("/a%20b/./c/../d/", "kinesis"), "/a%2520b/d/");
      assert.equal(canonicalUri("//a//b", "glue"), "/a/b");
      assert.equal(canonicalUri("/bucket/a%20b//./c/../d", "s3"), "/bucket/a%20b//./c/../d");
      assert.equal(canonicalUri("/bucket/a+b/%7E", "s3"), "/bucket/a%2Bb/~");
    });

    test("sorts the query by encoded name, then value, gives a bare name an empty value and leaves out a presigned X-Amz-Signature", () => {
      assert.equal(canonicalQuery("b=2&a=z&a=y&B=1&x%20y=a%2Fb&uploads", false), "B=1&a=y&a=z&b=2&uploads=&x%20y=a%2Fb");
      assert.equal(canonicalQuery("X-Amz-Signature=abc&X-Amz-Date=1", true), "X-Amz-Date=1");
      assert.equal(canonicalQuery("X-Amz-Signature=abc", false), "X-Amz-Signature=abc");
    });

    test("trims header values and collapses runs of spaces, in SignedHeaders' order", () => {
      assert.equal(canonicalHeaders({ "x-b": "  a   b\t\tc ", "x-a": "1" }, ["x-a", "x-b"]), "x-a:1\nx-b:a b c\n");
      assert.equal(canonicalHeaders({ ":authority": "127.0.0.1:4566" }, ["host"]), "host:127.0.0.1:4566\n");
    });
  });

  describe("errors", () => {
    const options = { key: SUITE_KEY, service: "service", payloadHash: EMPTY_SHA256, now: SUITE_NOW };
    const vanilla = suiteRequest("GET", "/", "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");

    test("refuses a signature made 16 minutes before or after the verifier's clock, and takes one made 14 minutes off", () => {
      assert.equal(refusalOf(() => verify(vanilla, { ...options, now: SUITE_NOW + 16 * 60_000 })), "skewed");
      assert.equal(refusalOf(() => verify(vanilla, { ...options, now: SUITE_NOW - 16 * 60_000 })), "skewed");
      assert.equal(verify(vanilla, { ...options, now: SUITE_NOW + 14 * 60_000 }).accessKeyId, "AKIDEXAMPLE");
    });

    test("refuses a key id it does not know before computing anything", () => {
      assert.equal(refusalOf(() => verify(vanilla, { ...options, key: { ...SUITE_KEY, accessKeyId: "AKIDOTHER" } })), "unknownAccessKey");
    });

    test("refuses a scope naming another service, another terminator or another day than X-Amz-Date", () => {
      assert.equal(refusalOf(() => verify(vanilla, { ...options, service: "kinesis" })), "wrongScope");
      for (const credential of ["AKIDEXAMPLE/20150830/us-east-1/service/aws4_reques", "AKIDEXAMPLE/20150831/us-east-1/service/aws4_request"]) {
        const request = { ...vanilla, headers: { ...vanilla.headers, authorization: String(vanilla.headers.authorization).replace(/Credential=[^,]+/, `Credential=${credential}`) } };
        assert.equal(refusalOf(() => verify(request, options)), "wrongScope");
      }
    });

    test("refuses a header signature without Host signed, or with a credential that is not five parts", () => {
      const unsignedHost = { ...vanilla, headers: { ...vanilla.headers, authorization: String(vanilla.headers.authorization).replace("host;x-amz-date", "x-amz-date") } };
      assert.equal(refusalOf(() => verify(unsignedHost, options)), "unsignedHeaders");
      const shortCredential = { ...vanilla, headers: { ...vanilla.headers, authorization: String(vanilla.headers.authorization).replace("/aws4_request", "") } };
      assert.equal(refusalOf(() => verify(shortCredential, options)), "malformedCredential");
    });

    test("refuses a session token the key was not configured with, and requires the one it was", () => {
      const withToken = { ...vanilla, headers: { ...vanilla.headers, "x-amz-security-token": "token" } };
      assert.equal(refusalOf(() => verify(withToken, options)), "invalidToken");
      assert.equal(refusalOf(() => verify(vanilla, { ...options, key: { ...SUITE_KEY, sessionToken: "token" } })), "invalidToken");
      assert.equal(verify(withToken, { ...options, key: { ...SUITE_KEY, sessionToken: "token" } }).accessKeyId, "AKIDEXAMPLE");
    });

    test("refuses a request with no signature, with two, or with SigV2's", () => {
      assert.equal(refusalOf(() => verify({ method: "GET", url: "/", headers: { host: "h" } }, options)), "anonymous");
      assert.equal(refusalOf(() => verify({ ...vanilla, url: "/?X-Amz-Algorithm=AWS4-HMAC-SHA256" }, options)), "bothMechanisms");
      assert.equal(refusalOf(() => verify({ method: "GET", url: "/", headers: { host: "h", authorization: "AWS AKIDEXAMPLE:c2lnbmF0dXJl" } }, options)), "unsupportedScheme");
      assert.equal(refusalOf(() => verify({ method: "GET", url: "/?AWSAccessKeyId=AKIDEXAMPLE&Signature=x&Expires=1", headers: { host: "h" } }, options)), "unsupportedScheme");
    });
  });
});

/** The seed signature of S3's documented streaming upload (sigv4-streaming.html), which its chunks chain from. */
function s3DocChunkSeed() {
  return {
    accessKeyId: S3_DOC_KEY.accessKeyId,
    signingKey: signingKey(S3_DOC_KEY.secretAccessKey, "20130524", "us-east-1", "s3"),
    amzDate: "20130524T000000Z",
    scope: "20130524/us-east-1/s3/aws4_request",
    signature: "4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9",
  };
}
