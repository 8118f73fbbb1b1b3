import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { createServer, connect, type Server, type Socket } from "node:net";
import { once } from "node:events";
import { KinesisClient, PutRecordCommand } from "@aws-sdk/client-kinesis";
import { connectProducer, createAwsClients } from "@gpu-stream/shared";
import { createStream } from "../../support/kinesisTestKit";
import { useTestEmulator, type TestEmulator } from "../../support/testEmulator";

// The helper module's Kinesis client keeps one HTTP/2 session and sends every request over it, where the SDK's
// default opens a connection per request (shared/src/clients/kinesisClient.ts says why). Counted on the wire: a
// TCP relay in front of a real emulator counts the connections each client opens.

/** A byte relay to the emulator that counts the TCP connections made through it and can cut them all. */
class CountingRelay {
  connections = 0;
  private readonly open = new Set<Socket>();
  private constructor(private readonly server: Server) {}

  static async start(target: URL): Promise<CountingRelay> {
    let relay: CountingRelay | undefined;
    const server = createServer((client) => {
      relay!.connections += 1;
      const upstream = connect(Number(target.port), target.hostname);
      for (const socket of [client, upstream]) {
        relay!.open.add(socket);
        socket.once("close", () => relay!.open.delete(socket));
        socket.on("error", () => undefined);
      }
      client.setNoDelay(true);
      upstream.setNoDelay(true);
      client.pipe(upstream).pipe(client);
    });
    relay = new CountingRelay(server);
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    return relay;
  }

  get url(): string {
    const address = this.server.address();
    assert.ok(address !== null && typeof address === "object");
    return `http://127.0.0.1:${address.port}`;
  }

  /** Ends every relayed connection at once, as a server restarting or timing a session out would. */
  cutAll(): void {
    for (const socket of this.open) {
      socket.destroy();
    }
  }

  async close(): Promise<void> {
    this.cutAll();
    this.server.close();
    await once(this.server, "close");
  }
}

async function putSome(kinesis: KinesisClient, stream: string, count: number): Promise<void> {
  for (let index = 0; index < count; index += 1) {
    await kinesis.send(new PutRecordCommand({ StreamName: stream, PartitionKey: `k${index}`, Data: Buffer.from(`{"n":${index}}`) }));
  }
}

describe("the helper module's Kinesis client over HTTP/2", () => {
  let emulator: TestEmulator;
  let stream: string;
  useTestEmulator(async (started) => {
    emulator = started;
    stream = await createStream(started.kinesis, 1);
  });

  test("createAwsClients sends 20 PutRecords over one connection", async () => {
    const relay = await CountingRelay.start(new URL(emulator.emulator.url));
    const clients = createAwsClients({ mode: "local", region: "us-east-1", endpoint: relay.url }, {});
    try {
      await putSome(clients.kinesis, stream, 20);
      assert.equal(relay.connections, 1);
    } finally {
      clients.destroy();
      await relay.close();
    }
  });

  test("connectProducer's client (the producer notebooks') does too", async () => {
    const relay = await CountingRelay.start(new URL(emulator.emulator.url));
    const producer = await connectProducer({ mode: "local", localEndpoint: relay.url });
    try {
      await putSome(producer.clients.kinesis, stream, 20);
      assert.equal(relay.connections, 1);
    } finally {
      producer.close();
      await relay.close();
    }
  });

  test("the SDK's default client opens a connection per request (the cause; if this fails, the SDK changed)", async () => {
    const relay = await CountingRelay.start(new URL(emulator.emulator.url));
    const kinesis = new KinesisClient({ endpoint: relay.url, region: "us-east-1", credentials: { accessKeyId: "test", secretAccessKey: "test" } });
    try {
      await putSome(kinesis, stream, 5);
      assert.equal(relay.connections, 5);
    } finally {
      kinesis.destroy();
      await relay.close();
    }
  });

  test("a session the server ends is replaced by a new one at the next request", async () => {
    const relay = await CountingRelay.start(new URL(emulator.emulator.url));
    const clients = createAwsClients({ mode: "local", region: "us-east-1", endpoint: relay.url }, {});
    try {
      await putSome(clients.kinesis, stream, 3);
      relay.cutAll();
      // Let the client see the close before the next request, as it would after an idle timeout.
      await new Promise((resolve) => setTimeout(resolve, 50));
      await putSome(clients.kinesis, stream, 3);
      assert.equal(relay.connections, 2);
    } finally {
      clients.destroy();
      await relay.close();
    }
  });
});
