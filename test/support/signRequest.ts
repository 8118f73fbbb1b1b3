import { createHash, createHmac } from "node:crypto";
import { SignatureV4 } from "@smithy/signature-v4";

export interface TestKey {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

function bytesOf(data: string | ArrayBuffer | ArrayBufferView): Buffer {
  if (typeof data === "string") {
    return Buffer.from(data, "utf8");
  }
  return ArrayBuffer.isView(data) ? Buffer.from(data.buffer, data.byteOffset, data.byteLength) : Buffer.from(data);
}

/** SHA-256 for the SDK's signer (@smithy/signature-v4), on node:crypto. */
export class NodeSha256 {
  private readonly hash;

  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.hash = secret === undefined ? createHash("sha256") : createHmac("sha256", bytesOf(secret));
  }

  update(data: string | ArrayBuffer | ArrayBufferView): void {
    this.hash.update(bytesOf(data));
  }

  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }

  reset(): void {}
}

export function sha256Hex(data: string | Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}

/** The query as the SDK's HTTP handlers write it on the wire (@smithy/querystring-builder). */
export function wireQuery(query: Record<string, string | string[]>): string {
  const escape = (text: string) => encodeURIComponent(text).replace(/[!'()*]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`);
  return Object.entries(query)
    .flatMap(([name, value]) => (Array.isArray(value) ? value : [value]).map((item) => `${escape(name)}=${escape(item)}`))
    .join("&");
}

export interface RequestToSign {
  readonly method: string;
  /** Encoded once, as on the wire: `/bucket/a%20b`. */
  readonly path: string;
  readonly query?: Record<string, string | string[]>;
  readonly headers?: Record<string, string>;
  readonly body?: string | Buffer;
  /** Signing name: s3, kinesis, ... */
  readonly service: string;
  readonly key: TestKey;
  readonly signingDate?: Date;
}

/**
 * Signs a request as the SDK does (the SDK's own SigV4 signer), for requests the SDK will not send as they are:
 * to alter the body after signing, or to read S3's error document. Returns the headers to send, Host included.
 */
export async function signRequest(endpoint: string, request: RequestToSign): Promise<Record<string, string>> {
  const url = new URL(endpoint);
  const signer = new SignatureV4({ service: request.service, region: "us-east-1", credentials: request.key, sha256: NodeSha256, uriEscapePath: request.service !== "s3" });
  const signed = await signer.sign(
    {
      method: request.method,
      protocol: url.protocol,
      hostname: url.hostname,
      port: Number(url.port),
      path: request.path,
      query: request.query ?? {},
      headers: { host: url.host, ...request.headers },
      body: request.body,
    },
    request.signingDate === undefined ? {} : { signingDate: request.signingDate },
  );
  return Object.fromEntries(Object.entries(signed.headers).map(([name, value]) => [name.toLowerCase(), value]));
}

/**
 * A presigned S3 URL made as @aws-sdk/s3-request-presigner's getSignedUrl makes one (that package is not a
 * dependency here): x-amz-content-sha256 UNSIGNED-PAYLOAD hoisted into the query, content-type unsigned, the
 * operation named in `x-id`, Host the only signed header.
 */
export async function presignS3Url(endpoint: string, options: { method: string; bucket: string; key: string; operation: string; expiresIn: number; credentials: TestKey; signingDate?: Date }): Promise<string> {
  const url = new URL(endpoint);
  const signer = new SignatureV4({ service: "s3", region: "us-east-1", credentials: options.credentials, sha256: NodeSha256, uriEscapePath: false });
  const path = `/${options.bucket}/${options.key.split("/").map((segment) => wireQuery({ s: segment }).slice(2)).join("/")}`;
  const presigned = await signer.presign(
    {
      method: options.method,
      protocol: url.protocol,
      hostname: url.hostname,
      port: Number(url.port),
      path,
      query: { "x-id": options.operation },
      headers: { host: url.host, "x-amz-content-sha256": "UNSIGNED-PAYLOAD" },
    },
    { expiresIn: options.expiresIn, unsignableHeaders: new Set(["content-type"]), ...(options.signingDate === undefined ? {} : { signingDate: options.signingDate }) },
  );
  return `${url.origin}${presigned.path}?${wireQuery(presigned.query as Record<string, string | string[]>)}`;
}
