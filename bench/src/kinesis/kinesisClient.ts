import { Agent } from "node:http";
import { KinesisClient } from "@aws-sdk/client-kinesis";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { createKinesisClient as createHelperKinesisClient } from "@gpu-stream/shared";
import type { Protocol } from "../servers/systems";

process.env["AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED"] = "true";

/**
 * The same SDK client for every system; only the wire differs. HTTP/2 is the helper module's client, as a notebook
 * gets it: one kept session, requests multiplexed over it (shared/src/clients/kinesisClient.ts; the SDK's default
 * would open a connection per request); HTTP/1.1 keeps `concurrency` connections alive, one per request in flight.
 */
export function createKinesisClient(url: string, protocol: Protocol, concurrency: number): KinesisClient {
  const config = {
    endpoint: url,
    region: "us-east-1",
    credentials: { accessKeyId: "bench", secretAccessKey: "bench" },
    // A retry would hide a failed request; the bench wants to see every answer.
    maxAttempts: 1,
  };
  if (protocol === "HTTP/2") {
    return createHelperKinesisClient(config);
  }
  const httpAgent = new Agent({ keepAlive: true, maxSockets: concurrency });
  return new KinesisClient({ ...config, requestHandler: new NodeHttpHandler({ httpAgent }) });
}
