import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { deliveryPrefixes, objectKey, objectSuffix } from "@gpu-stream/emulator/internal/services/firehose/objectKeys";

const UUID = "7f2c9a3e-1b4d-4e8f-9a6b-3c5d7e9f1a2b";
// 2026-11-28 06:29:32.123 UTC: year, month, day, hour, minute and second all differ.
const ARRIVAL = Date.UTC(2026, 10, 28, 6, 29, 32, 123);
const name = { deliveryStreamName: "gpu-telemetry", versionId: "1", firstArrivalMs: ARRIVAL, uuid: UUID, extension: "" };

describe("Firehose object keys", () => {
  describe("behaviour", () => {
    test("names an object <name>-<version>-YYYY-MM-DD-HH-MM-SS-<uuid> under the default YYYY/MM/DD/HH/ prefix, in UTC", () => {
      assert.equal(objectKey(deliveryPrefixes().delivered, name), `2026/11/28/06/gpu-telemetry-1-2026-11-28-06-29-32-${UUID}`);
    });

    test("puts a plain Prefix before the default time prefix", () => {
      assert.equal(objectKey(deliveryPrefixes("raw/gpu/").delivered, name), `raw/gpu/2026/11/28/06/gpu-telemetry-1-2026-11-28-06-29-32-${UUID}`);
    });

    test("evaluates a custom prefix at the buffer's first arrival time and adds no default time prefix", () => {
      const prefixes = deliveryPrefixes("gpu/dt=!{timestamp:yyyy-MM-dd}/", "errors/!{firehose:error-output-type}/");
      assert.equal(objectKey(prefixes.delivered, name), `gpu/dt=2026-11-28/gpu-telemetry-1-2026-11-28-06-29-32-${UUID}`);
    });

    test("ends a GZIP object's key with its extension", () => {
      assert.equal(objectSuffix({ ...name, extension: ".gz" }), `gpu-telemetry-1-2026-11-28-06-29-32-${UUID}.gz`);
    });

    test("names failed objects under the error output prefix with the error type", () => {
      const key = objectKey(deliveryPrefixes("gpu/").failed, name, { errorOutputType: "processing-failed" });
      assert.equal(key, `gpu/processing-failed/2026/11/28/06/gpu-telemetry-1-2026-11-28-06-29-32-${UUID}`);
    });

    test("pads single-digit months, days, hours, minutes and seconds", () => {
      const early = { ...name, firstArrivalMs: Date.UTC(2027, 0, 2, 3, 4, 5, 6) };
      assert.equal(objectKey(deliveryPrefixes().delivered, early), `2027/01/02/03/gpu-telemetry-1-2027-01-02-03-04-05-${UUID}`);
    });

    test("takes the time in UTC whatever the local time zone", () => {
      const saved = process.env["TZ"];
      process.env["TZ"] = "America/Sao_Paulo";
      try {
        assert.equal(objectKey(deliveryPrefixes().delivered, name), `2026/11/28/06/gpu-telemetry-1-2026-11-28-06-29-32-${UUID}`);
      } finally {
        if (saved === undefined) {
          delete process.env["TZ"];
        } else {
          process.env["TZ"] = saved;
        }
      }
    });
  });
});
