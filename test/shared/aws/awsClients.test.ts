import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createAwsClients, resolveAwsTarget } from "@gpu-stream/shared";

/** Runs `body` with process.env changed (the SDK reads its own settings from there), then restores it. */
async function withProcessEnv(changes: Record<string, string | undefined>, body: () => Promise<void>): Promise<void> {
  const saved = new Map(Object.keys(changes).map((name) => [name, process.env[name]]));
  const apply = (values: Map<string, string | undefined>): void => {
    for (const [name, value] of values) {
      if (value === undefined) {
        delete process.env[name];
      } else {
        process.env[name] = value;
      }
    }
  };
  apply(new Map(Object.entries(changes)));
  try {
    await body();
  } finally {
    apply(saved);
  }
}

/** Shared AWS config files of our own, so the test does not depend on the machine's ~/.aws. */
function awsConfigFiles(config: string, credentials = ""): { env: Record<string, string | undefined>; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), "gpu-stream-aws-"));
  writeFileSync(join(dir, "config"), config);
  writeFileSync(join(dir, "credentials"), credentials);
  return {
    env: {
      AWS_CONFIG_FILE: join(dir, "config"),
      AWS_SHARED_CREDENTIALS_FILE: join(dir, "credentials"),
      AWS_EC2_METADATA_DISABLED: "true",
      AWS_REGION: undefined,
      AWS_DEFAULT_REGION: undefined,
      AWS_PROFILE: undefined,
      AWS_ACCESS_KEY_ID: undefined,
      AWS_SECRET_ACCESS_KEY: undefined,
      AWS_SESSION_TOKEN: undefined,
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

describe("resolveAwsTarget", () => {
  test("without an endpoint and with nothing recorded, says to run 00_setup instead of assuming 127.0.0.1:4566", () => {
    const empty = mkdtempSync(join(tmpdir(), "gpu-stream-no-emulator-"));
    try {
      assert.throws(() => resolveAwsTarget({}, { GPU_STREAM_EMULATOR_DATA_DIR: empty }), (error: Error) => {
        assert.match(error.message, /no emulator of this checkout is running \(nothing recorded in .*gpu-stream-no-emulator-/);
        assert.match(error.message, /run notebooks\/00_setup\.ipynb \(or npm run emulator\)/);
        assert.match(error.message, /GPU_STREAM_ENDPOINT/);
        return true;
      });
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  test("an endpoint of \"\" means none was given", () => {
    const env = { GPU_STREAM_ENDPOINT: "http://localhost:5000" };
    assert.equal(resolveAwsTarget({ endpoint: "" }, env).endpoint, "http://localhost:5000");
    assert.equal(resolveAwsTarget({ mode: "aws", region: "eu-west-1", endpoint: "" }, {}).endpoint, undefined);
  });

  test("takes the local endpoint from GPU_STREAM_ENDPOINT, and an explicit option over it", () => {
    const env = { GPU_STREAM_ENDPOINT: "http://localhost:5000/" };
    assert.equal(resolveAwsTarget({}, env).endpoint, "http://localhost:5000");
    assert.equal(resolveAwsTarget({}, env).description, "local emulator at http://localhost:5000 (region us-east-1)");
    assert.equal(resolveAwsTarget({ endpoint: "http://127.0.0.1:4599", region: "eu-west-1" }, env).description, "local emulator at http://127.0.0.1:4599 (region eu-west-1)");
  });

  test("rejects an endpoint that is not an http URL", () => {
    assert.throws(() => resolveAwsTarget({}, { GPU_STREAM_ENDPOINT: "127.0.0.1:4566" }), /GPU_STREAM_ENDPOINT '127.0.0.1:4566' (is not a URL|must be an http)/);
    assert.throws(() => resolveAwsTarget({ endpoint: "ftp://host" }, {}), /endpoint 'ftp:\/\/host' must be an http:\/\/ or https:\/\/ URL/);
  });

  test("takes the mode from GPU_STREAM_MODE, and an explicit option over it", () => {
    assert.equal(resolveAwsTarget({}, { GPU_STREAM_MODE: "aws", AWS_REGION: "eu-west-1" }).mode, "aws");
    assert.equal(resolveAwsTarget({}, { GPU_STREAM_MODE: " AWS " , AWS_REGION: "eu-west-1" }).mode, "aws");
    assert.equal(resolveAwsTarget({ mode: "local" }, { GPU_STREAM_MODE: "aws", GPU_STREAM_ENDPOINT: "http://127.0.0.1:4566" }).mode, "local");
  });

  test("rejects an invalid mode with a message naming where it came from and the valid modes", () => {
    assert.throws(() => resolveAwsTarget({}, { GPU_STREAM_MODE: "cloud" }), /GPU_STREAM_MODE 'cloud' is not a mode: expected one of 'local', 'aws'/);
    assert.throws(() => resolveAwsTarget({ mode: "prod" }, {}), /mode 'prod' is not a mode/);
  });

  test("in aws mode takes the region from the option, then AWS_REGION, then AWS_DEFAULT_REGION", () => {
    const env = { GPU_STREAM_MODE: "aws", AWS_REGION: "eu-west-1", AWS_DEFAULT_REGION: "us-west-2" };
    assert.equal(resolveAwsTarget({ region: "sa-east-1" }, env).region, "sa-east-1");
    assert.equal(resolveAwsTarget({}, env).region, "eu-west-1");
    assert.equal(resolveAwsTarget({}, { ...env, AWS_REGION: undefined }).region, "us-west-2");
    assert.equal(resolveAwsTarget({}, { GPU_STREAM_MODE: "aws" }).region, undefined);
  });

  test("in aws mode ignores the emulator endpoint and describes region and credential source", () => {
    const target = resolveAwsTarget({}, { GPU_STREAM_MODE: "aws", AWS_REGION: "eu-west-1", AWS_PROFILE: "course", GPU_STREAM_ENDPOINT: "http://127.0.0.1:4566" });
    assert.equal(target.endpoint, undefined);
    assert.equal(target.description, "AWS, region eu-west-1, credentials from the default chain (profile 'course')");
    assert.equal(
      resolveAwsTarget({ mode: "aws" }, {}).description,
      "AWS, region from profile 'default', credentials from the default chain (profile 'default')",
    );
  });

  test("in aws mode says when AWS_ENDPOINT_URL redirects the clients", () => {
    const target = resolveAwsTarget({ mode: "aws", region: "eu-west-1" }, { AWS_ENDPOINT_URL: "http://elsewhere:1234" });
    assert.match(target.description, /endpoint http:\/\/elsewhere:1234 from AWS_ENDPOINT_URL$/);
  });
});

describe("createAwsClients", () => {
  /** The key each of the five clients signs with, with `env` as the process's environment. */
  async function localSigningKeys(options: Parameters<typeof createAwsClients>[0], env: Record<string, string | undefined>, credentialsFile = ""): Promise<string[]> {
    const files = awsConfigFiles("", credentialsFile);
    try {
      let keys: string[] = [];
      await withProcessEnv({ ...files.env, ...env }, async () => {
        const clients = createAwsClients({ mode: "local", ...options }, { GPU_STREAM_ENDPOINT: "http://127.0.0.1:4566" });
        try {
          keys = await Promise.all([clients.kinesis, clients.firehose, clients.s3, clients.glue, clients.athena].map(async (client) => {
            const credentials = await client.config.credentials();
            return `${credentials.accessKeyId}:${credentials.secretAccessKey}`;
          }));
        } finally {
          clients.destroy();
        }
      });
      return keys;
    } finally {
      files.remove();
    }
  }

  test("in local mode points all five clients at the emulator with dummy credentials and path-style S3", async () => {
    const files = awsConfigFiles("");
    try {
      await withProcessEnv(files.env, async () => {
        const clients = createAwsClients({}, { GPU_STREAM_ENDPOINT: "http://127.0.0.1:4566" });
        try {
          assert.equal(clients.target.mode, "local");
          for (const client of [clients.kinesis, clients.firehose, clients.s3, clients.glue, clients.athena]) {
            assert.equal(await client.config.region(), "us-east-1");
            const endpoint = await client.config.endpoint!();
            assert.deepEqual([endpoint.protocol, endpoint.hostname, endpoint.port], ["http:", "127.0.0.1", 4566]);
            const credentials = await client.config.credentials();
            assert.equal(credentials.accessKeyId, "test");
          }
          assert.equal(clients.s3.config.forcePathStyle, true);
          assert.equal(await clients.region(), "us-east-1");
        } finally {
          clients.destroy();
        }
      });
    } finally {
      files.remove();
    }
  });

  test("in local mode signs with the SDK's default chain when it has a key: the environment's, then the profile's", async () => {
    const profiles = "[course]\naws_access_key_id = AKIDPROFILE\naws_secret_access_key = profile-secret\n";
    assert.deepEqual(new Set(await localSigningKeys({}, { AWS_ACCESS_KEY_ID: "AKIDENV", AWS_SECRET_ACCESS_KEY: "env-secret" })), new Set(["AKIDENV:env-secret"]));
    assert.deepEqual(new Set(await localSigningKeys({ profile: "course" }, {}, profiles)), new Set(["AKIDPROFILE:profile-secret"]));
    assert.deepEqual(new Set(await localSigningKeys({}, { AWS_PROFILE: "course" }, profiles)), new Set(["AKIDPROFILE:profile-secret"]));
    assert.deepEqual(new Set(await localSigningKeys({ profile: "no-such-profile" }, {}, profiles)), new Set(["test:test"]), "a chain that finds nothing: the dummy key");
  });

  test("in local mode an explicit key wins over the chain", async () => {
    const keys = await localSigningKeys({ credentials: { accessKeyId: "AKIDLOCAL", secretAccessKey: "local-secret" } }, { AWS_ACCESS_KEY_ID: "AKIDENV", AWS_SECRET_ACCESS_KEY: "env-secret" });
    assert.deepEqual(new Set(keys), new Set(["AKIDLOCAL:local-secret"]));
  });

  test("in aws mode uses the region from the environment, the SDK's endpoints and virtual-hosted S3", async () => {
    const clients = createAwsClients({ mode: "aws" }, { AWS_REGION: "eu-west-1" });
    try {
      assert.equal(await clients.kinesis.config.region(), "eu-west-1");
      assert.equal(await clients.region(), "eu-west-1");
      assert.equal(clients.kinesis.config.endpoint, undefined);
      assert.notEqual(clients.s3.config.forcePathStyle, true);
      assert.equal(clients.target.description, "AWS, region eu-west-1, credentials from the default chain (profile 'default')");
    } finally {
      clients.destroy();
    }
  });

  test("in aws mode without a region lets the SDK read it from the profile", async () => {
    const files = awsConfigFiles("[profile course]\nregion = ap-south-1\n");
    try {
      await withProcessEnv(files.env, async () => {
        const clients = createAwsClients({ mode: "aws", profile: "course" }, {});
        try {
          assert.equal(clients.target.region, undefined);
          assert.equal(await clients.region(), "ap-south-1");
          assert.equal(await clients.s3.config.region(), "ap-south-1");
        } finally {
          clients.destroy();
        }
      });
    } finally {
      files.remove();
    }
  });

  test("in aws mode fails clearly when no region can be found anywhere", async () => {
    const files = awsConfigFiles("");
    try {
      await withProcessEnv(files.env, async () => {
        const clients = createAwsClients({ mode: "aws" }, {});
        try {
          await assert.rejects(clients.region(), /No AWS region found for profile 'default': pass a region, set AWS_REGION/);
        } finally {
          clients.destroy();
        }
      });
    } finally {
      files.remove();
    }
  });
});
