import assert from "node:assert/strict";
import { readdir, readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { describe, test } from "node:test";
import { REPO_ROOT } from "../../support/repoRoot";

const ROOT = REPO_ROOT;
const POLICY_PATH = join(ROOT, "docs", "aws-permissions.json");
/**
 * Where the code that runs on AWS lives; the conformance harness only ever talks to the emulator, and the fidelity
 * suite's runner (npm run test:aws) is not npm start's and needs more than this policy (README, "Verify the emulator").
 */
const AWS_PATH_SOURCES = [join(ROOT, "shared", "src"), join(ROOT, "scripts", "src")];
const EMULATOR_ONLY = [join(ROOT, "scripts", "src", "conformance"), join(ROOT, "scripts", "src", "awsSuite")];

/** SDK client package -> IAM service prefix. */
const SERVICE_PREFIXES: Readonly<Record<string, string>> = { kinesis: "kinesis", firehose: "firehose", s3: "s3", glue: "glue", athena: "athena", iam: "iam", sts: "sts", "cloudwatch-logs": "logs" };

/**
 * The operations whose IAM action is not named after them (the Service Authorization Reference's "Actions defined
 * by Amazon S3"); an S3 operation missing here fails the test rather than pass unchecked.
 */
const S3_ACTIONS: Readonly<Record<string, string>> = {
  CreateBucket: "s3:CreateBucket",
  DeleteBucket: "s3:DeleteBucket",
  HeadBucket: "s3:ListBucket",
  ListObjectsV2: "s3:ListBucket",
  GetObject: "s3:GetObject",
  PutObject: "s3:PutObject",
  DeleteObjects: "s3:DeleteObject",
};

/** SDK helpers that send an operation of their own. */
const HELPER_ACTIONS: Readonly<Record<string, string>> = { waitUntilStreamExists: "kinesis:DescribeStream" };

interface Call {
  readonly file: string;
  readonly action: string;
}

async function sourceFiles(directory: string): Promise<string[]> {
  if (EMULATOR_ONLY.includes(directory)) {
    return [];
  }
  const files: string[] = [];
  for (const entry of await readdir(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) {
      files.push(...(await sourceFiles(path)));
    } else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts")) {
      files.push(path);
    }
  }
  return files;
}

function actionOf(service: string, operation: string): string | undefined {
  if (service === "s3") {
    return S3_ACTIONS[operation];
  }
  const prefix = SERVICE_PREFIXES[service];
  return prefix === undefined ? undefined : `${prefix}:${operation}`;
}

/** Every `new <Operation>Command(` and SDK helper in a file, as `service:Action`, by the client package it is imported from. */
function callsIn(file: string, text: string): Call[] {
  const serviceOf = new Map<string, string>();
  for (const match of text.matchAll(/import\s*(?:type\s*)?\{([^}]*)\}\s*from\s*"@aws-sdk\/client-([a-z0-9-]+)"/g)) {
    for (const name of match[1]!.split(",").map((part) => part.trim().replace(/^type\s+/, "").split(/\s+as\s+/)[0]!)) {
      if (name !== "") {
        serviceOf.set(name, match[2]!);
      }
    }
  }
  const calls: Call[] = [];
  for (const match of text.matchAll(/new ([A-Z][A-Za-z0-9]*)Command\(/g)) {
    const service = serviceOf.get(`${match[1]}Command`);
    const action = service === undefined ? undefined : actionOf(service, match[1]!);
    calls.push({ file, action: action ?? `unmapped ${service ?? "unknown client"} operation ${match[1]}` });
  }
  for (const [helper, action] of Object.entries(HELPER_ACTIONS)) {
    if (new RegExp(`\\b${helper}\\(`).test(text)) {
      calls.push({ file, action });
    }
  }
  return calls;
}

async function codeCalls(): Promise<Call[]> {
  const calls: Call[] = [];
  for (const directory of AWS_PATH_SOURCES) {
    for (const file of await sourceFiles(directory)) {
      calls.push(...callsIn(relative(ROOT, file), await readFile(file, "utf8")));
    }
  }
  return calls;
}

interface Statement {
  readonly Effect: string;
  readonly Action: string | string[];
  readonly Resource: string | string[];
}

async function allowedActions(): Promise<Set<string>> {
  const policy = JSON.parse(await readFile(POLICY_PATH, "utf8")) as { Statement: Statement[] };
  return new Set(policy.Statement.filter((statement) => statement.Effect === "Allow").flatMap((statement) => [statement.Action].flat()));
}

describe("docs/aws-permissions.json", () => {
  test("allows every AWS action the code calls (a new command needs its action in the policy)", async () => {
    const allowed = await allowedActions();
    const calls = await codeCalls();
    assert.ok(calls.length > 40, `found only ${calls.length} calls: has the code moved?`);
    const missing = calls.filter((call) => !allowed.has(call.action)).map((call) => `${call.action} (${call.file})`);
    assert.deepEqual([...new Set(missing)], []);
  });

  test("passes only the pipeline's two roles, each to its own service", async () => {
    const policy = JSON.parse(await readFile(POLICY_PATH, "utf8")) as { Statement: (Statement & { Condition?: Record<string, Record<string, string>> })[] };
    const passing = policy.Statement.filter((statement) => [statement.Action].flat().includes("iam:PassRole"));
    assert.deepEqual(
      passing.map((statement) => [statement.Resource, statement.Condition?.["StringEquals"]?.["iam:PassedToService"]]),
      [
        ["arn:aws:iam::*:role/gpu-stream-firehose", "firehose.amazonaws.com"],
        ["arn:aws:iam::*:role/gpu-stream-glue-crawler", "glue.amazonaws.com"],
      ],
    );
    assert.ok(policy.Statement.every((statement) => statement.Resource !== "*" || [statement.Action].flat().every((action) => action === "sts:GetCallerIdentity")));
  });
});
