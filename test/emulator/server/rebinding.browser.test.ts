import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { ListStreamsCommand } from "@aws-sdk/client-kinesis";
import { CreateBucketCommand, HeadObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { chromium, type Browser } from "playwright-core";
import { CHROMIUM, skipWithoutChromium, waitInPage } from "../../support/chromium";
import { useTestEmulator, type TestEmulator } from "../../support/testEmulator";

// DNS rebinding in a real browser. The attack: a page loads from http://evil.example:<port>/ while evil.example
// resolves to the attacker's server; its DNS then re-points evil.example at 127.0.0.1, and the page's fetch() of
// its own origin reaches the emulator, same-origin, so the page reads the answers. The stand-in: Chromium
// resolves evil.example to 127.0.0.1 (--host-resolver-rules), and Playwright serves the attack page itself at
// http://evil.example:<emulator port>/attack.html (only that URL is intercepted), so the page's other requests
// go to the real emulator under the page's own origin, with Host evil.example:<port> as after a rebinding.
// The control case allows evil.example (allowHosts): the page then reads the object, proving the stand-in real.

const EVIL = "evil.example";
const BUCKET = "rebinding";

/** What the attack page does, each step's HTTP status (0 for a network failure) and the start of its body. */
const ATTACK_SCRIPT = `
  const steps = {
    getObject: () => fetch("/${BUCKET}/secret.txt"),
    listBuckets: () => fetch("/"),
    putObject: () => fetch("/${BUCKET}/planted.txt", { method: "PUT", body: "planted" }),
    createStream: () => fetch("/", {
      method: "POST",
      headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": "Kinesis_20131202.CreateStream" },
      body: JSON.stringify({ StreamName: "planted", ShardCount: 1 }),
    }),
    health: () => fetch("/_emulator/health"),
  };
  window.attackResults = {};
  (async () => {
    for (const [name, step] of Object.entries(steps)) {
      try {
        const response = await step();
        window.attackResults[name] = { status: response.status, body: (await response.text()).slice(0, 400) };
      } catch (error) {
        window.attackResults[name] = { status: 0, body: String(error) };
      }
    }
    window.attackDone = true;
  })();
`;

type AttackResults = Record<"getObject" | "listBuckets" | "putObject" | "createStream" | "health", { status: number; body: string }>;

async function launchRebindingChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      `--host-resolver-rules=MAP ${EVIL} 127.0.0.1`,
      // Private Network Access would stop a public page reaching 127.0.0.1 in current Chromium; Firefox and Safari
      // have no such check, and a page that is itself on the local network passes it: the emulator must hold alone.
      "--disable-features=BlockInsecurePrivateNetworkRequests,PrivateNetworkAccessSendPreflights,PrivateNetworkAccessRespectPreflightResults,LocalNetworkAccessChecks",
    ],
  });
}

/** Opens the attack page as http://evil.example:<emulator port>/attack.html and returns what it got. */
async function attack(port: number): Promise<AttackResults> {
  const browser = await launchRebindingChromium();
  try {
    const page = await browser.newPage();
    const attackUrl = `http://${EVIL}:${port}/attack.html`;
    await page.route(attackUrl, (route) => route.fulfill({ status: 200, contentType: "text/html", body: `<!doctype html><title>cute cats</title><script>${ATTACK_SCRIPT}</script>` }));
    await page.goto(attackUrl, { waitUntil: "load" });
    await waitInPage(page, "window.attackDone === true", 15_000);
    assert.equal(new URL(page.url()).origin, `http://${EVIL}:${port}`);
    return await page.evaluate<AttackResults>("window.attackResults");
  } finally {
    await browser.close();
  }
}

async function seed(emulator: TestEmulator): Promise<void> {
  await emulator.s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
  await emulator.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: "secret.txt", Body: "the secret" }));
}

describe("a DNS-rebinding page in Chromium", { skip: skipWithoutChromium, timeout: 90_000 }, () => {
  describe("against the emulator as it starts (no name allowed)", () => {
    let emulator: TestEmulator;
    useTestEmulator(async (started) => {
      emulator = started;
      await seed(emulator);
    });

    test("gets 421 for every step, reads nothing, and changes nothing", async () => {
      const results = await attack(emulator.emulator.port);
      for (const [name, result] of Object.entries(results)) {
        assert.ok(result.status === 421 || result.status === 0, `${name}: ${result.status} ${result.body}`);
        assert.doesNotMatch(result.body, /the secret|<Bucket>|"status":"ok"/, name);
      }
      assert.match(results.getObject.body, /--allow-host evil\.example/);
      await assert.rejects(emulator.s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: "planted.txt" })), { name: "NotFound" });
      assert.deepEqual((await emulator.kinesis.send(new ListStreamsCommand({}))).StreamNames, []);
    });
  });

  describe("the control case: evil.example allowed (allowHosts), as an emulator without the check", () => {
    let emulator: TestEmulator;
    useTestEmulator(
      async (started) => {
        emulator = started;
        await seed(emulator);
      },
      { allowHosts: [EVIL] },
    );

    test("the same page reads the object, lists buckets, writes, creates a stream: the stand-in is a real attack", async () => {
      const results = await attack(emulator.emulator.port);
      assert.deepEqual(results.getObject, { status: 200, body: "the secret" });
      assert.equal(results.listBuckets.status, 200);
      assert.match(results.listBuckets.body, new RegExp(`<Name>${BUCKET}</Name>`));
      assert.equal(results.putObject.status, 200);
      assert.equal(results.createStream.status, 200, results.createStream.body);
      assert.equal(results.health.status, 200);
      await emulator.s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: "planted.txt" }));
      assert.deepEqual((await emulator.kinesis.send(new ListStreamsCommand({}))).StreamNames, ["planted"]);
    });
  });
});
