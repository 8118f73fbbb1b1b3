import { request } from "node:http";

export interface RawResponse {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: Buffer;
}

/**
 * One HTTP/1.1 request exactly as written: the path is not normalised (fetch() would resolve `..`), headers
 * and body are sent as given. For what the SDK will not send: bad checksums, lying lengths, escape attempts.
 */
export function rawRequest(
  baseUrl: string,
  options: {
    method: string;
    path: string;
    headers?: Record<string, string | number>;
    body?: Buffer | string;
    /** Send the body (or part of it) without finishing the request, and wait for the answer. */
    endEarly?: boolean;
  },
): Promise<RawResponse> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, method: options.method, path: options.path, headers: options.headers ?? {}, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on("error", reject);
    });
    req.on("error", reject);
    if (options.body !== undefined) {
      req.write(options.body);
    }
    if (options.endEarly === true) {
      // Leave the body unfinished; the answer (an error) should come anyway.
      req.flushHeaders();
      return;
    }
    req.end();
  });
}

/** The `<Code>` of an S3 XML error body. */
export function errorCode(response: RawResponse): string | undefined {
  return /<Code>([^<]*)<\/Code>/.exec(response.body.toString("utf8"))?.[1];
}
