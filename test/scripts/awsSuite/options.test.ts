import assert from "node:assert/strict";
import { PassThrough } from "node:stream";
import { describe, test } from "node:test";
import { catalogName, confirmRun, endpointRefusal, FIDELITY_PREFIX, parseAwsSuiteOptions, runPrefixFrom } from "../../support/awsSuiteModules";
import { fidelityTargetKind } from "../../support/fidelityTarget";

describe("npm run test:aws's guards and names", () => {
  test("refuses any AWS_ENDPOINT_URL* redirect unless --endpoint-ok", () => {
    assert.equal(endpointRefusal({}, false), undefined);
    assert.equal(endpointRefusal({ AWS_ENDPOINT_URL: " " }, false), undefined);
    assert.match(endpointRefusal({ AWS_ENDPOINT_URL_S3: "http://127.0.0.1:45999" }, false) ?? "", /^AWS_ENDPOINT_URL_S3=http:\/\/127\.0\.0\.1:45999 sends the SDK somewhere other than AWS/);
    assert.equal(endpointRefusal({ AWS_ENDPOINT_URL: "http://127.0.0.1:45999" }, true), undefined);
  });

  test("parses --yes (-y) and --endpoint-ok, both off by default", () => {
    assert.deepEqual(parseAwsSuiteOptions([]), { yes: false, endpointOk: false });
    assert.deepEqual(parseAwsSuiteOptions(["-y", "--endpoint-ok"]), { yes: true, endpointOk: true });
  });

  test("asks nobody without a terminal, and takes --yes", async () => {
    const input = new PassThrough();
    assert.equal(await confirmRun("Run?", { yes: false, input, output: new PassThrough() }), "not-a-terminal");
    assert.equal(await confirmRun("Run?", { yes: true, input, output: new PassThrough() }), "confirmed");
  });

  test("takes a run prefix from the runner, or makes a new lowercase one, and refuses another shape", () => {
    assert.match(runPrefixFrom({}), new RegExp(`^${FIDELITY_PREFIX}[0-9a-f]{8}$`));
    assert.equal(runPrefixFrom({ GPU_STREAM_FIDELITY_RUN: "gpu-stream-fidelity-0badcafe" }), "gpu-stream-fidelity-0badcafe");
    assert.throws(() => runPrefixFrom({ GPU_STREAM_FIDELITY_RUN: "prod-bucket" }), /must start with 'gpu-stream-fidelity-'/);
    assert.equal(catalogName("gpu-stream-fidelity-0badcafe-pipe"), "gpu_stream_fidelity_0badcafe_pipe");
  });

  test("targets the emulator unless GPU_STREAM_TEST_TARGET=aws", () => {
    assert.equal(fidelityTargetKind({}), "emulator");
    assert.equal(fidelityTargetKind({ GPU_STREAM_TEST_TARGET: "AWS" }), "aws");
    assert.throws(() => fidelityTargetKind({ GPU_STREAM_TEST_TARGET: "prod" }), /not a target/);
  });
});
