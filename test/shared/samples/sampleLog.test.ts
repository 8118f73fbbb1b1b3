import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { METRICS, originalProfile, parseGpuLog, profileGpuLog, SAMPLE_LOG_PATH, syntheticSampleLog } from "@gpu-stream/shared";
import { REPO_ROOT } from "../../support/repoRoot";

const repositoryRoot = REPO_ROOT;

describe("the shipped sample log", () => {
  test("is exactly what `gpu-stream sample-log` regenerates", async () => {
    const shipped = await readFile(join(repositoryRoot, SAMPLE_LOG_PATH), "utf8");
    assert.equal(shipped, syntheticSampleLog());
  });

  test("says in its header that it is synthetic and how to regenerate it", async () => {
    const header = (await readFile(join(repositoryRoot, SAMPLE_LOG_PATH), "utf8")).split("\n").slice(0, 4).join("\n");
    assert.match(header, /^# SYNTHETIC/);
    assert.match(header, /npx gpu-stream sample-log/);
  });

  test("profiles back to ranges close to the original exercise's", async () => {
    const log = parseGpuLog(syntheticSampleLog());
    assert.equal(log.format, "gpu-z");
    const profile = await profileGpuLog(log, SAMPLE_LOG_PATH);
    const original = originalProfile();
    for (const metric of METRICS) {
      const { min, max } = original.metrics[metric];
      const tolerance = 0.05 * (max - min);
      const found = profile.metrics[metric];
      assert.ok(Math.abs(found.min - min) <= tolerance, `${metric} min ${found.min} is not close to ${min}`);
      assert.ok(Math.abs(found.max - max) <= tolerance, `${metric} max ${found.max} is not close to ${max}`);
    }
  });

  test("differs for another seed", () => {
    assert.notEqual(syntheticSampleLog({ seed: 1, samples: 20 }), syntheticSampleLog({ seed: 2, samples: 20 }));
  });
});
