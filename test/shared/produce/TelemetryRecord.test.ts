import { describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  formatRecordTimestamp,
  formatValue,
  METRICS,
  parseMetric,
  parseRecord,
  parseRecordTimestamp,
  RecordError,
  serializeRecord,
  toRecord,
  validateRecord,
  type GpuSample,
} from "@gpu-stream/shared";

const sample: GpuSample = {
  timeUs: Date.UTC(2026, 10, 28, 6, 29, 32) * 1000 + 123456,
  gpuId: "0",
  values: { energia: 36.21077786, Frequencia: 1410, temperatura: 41.5, Uso: 12.25, usoVRAM: 1088.4 },
};

describe("the record timestamp", () => {
  test("is UTC with a space and six fractional digits", () => {
    assert.equal(formatRecordTimestamp(sample.timeUs), "2026-11-28 06:29:32.123456");
  });

  test("pads the microseconds of a whole second", () => {
    assert.equal(formatRecordTimestamp(Date.UTC(2026, 0, 2, 3, 4, 5) * 1000), "2026-01-02 03:04:05.000000");
  });

  test("parses back to the same microsecond", () => {
    assert.equal(parseRecordTimestamp("2026-11-28 06:29:32.123456"), sample.timeUs);
  });

  test("rejects ISO 8601 with T and Z, which Athena cannot cast", () => {
    assert.throws(() => parseRecordTimestamp("2026-11-28T06:29:32.123456Z"), RecordError);
  });

  test("rejects a date that does not exist", () => {
    assert.throws(() => parseRecordTimestamp("2026-02-30 06:29:32.000000"), /not a valid date/);
  });
});

describe("a record made from a sample", () => {
  test("keeps the original's four string fields first, in order, then the extras", () => {
    const record = toRecord(sample, "energia", 17);
    assert.deepEqual(Object.keys(record), ["idtemp", "dado", "tipo", "timestamp", "gpu", "unidade"]);
    assert.deepEqual(record, {
      idtemp: "17",
      dado: "36.2108",
      tipo: "energia",
      timestamp: "2026-11-28 06:29:32.123456",
      gpu: "0",
      unidade: "W",
    });
  });

  test("can leave the extra fields out", () => {
    assert.deepEqual(Object.keys(toRecord(sample, "Uso", 1, { extraFields: false })), ["idtemp", "dado", "tipo", "timestamp"]);
  });

  test("formats each metric with the decimals worth keeping and no trailing zeros", () => {
    assert.equal(formatValue("Frequencia", 1410), "1410");
    assert.equal(formatValue("usoVRAM", 1088.4), "1088");
    assert.equal(formatValue("temperatura", 41.5), "41.5");
    assert.equal(formatValue("Uso", -0.0001), "0");
  });

  test("refuses a value that is not a finite number", () => {
    assert.throws(() => formatValue("Uso", Number.NaN), /not a finite number/);
  });

  test("survives its JSON form", () => {
    for (const metric of METRICS) {
      const record = toRecord(sample, metric, 3);
      assert.deepEqual(parseRecord(serializeRecord(record)), record);
      assert.deepEqual(parseRecord(new TextEncoder().encode(serializeRecord(record))), record);
    }
  });
});

describe("validating a record", () => {
  const good = { idtemp: "1", dado: "36.2107", tipo: "energia", timestamp: "2026-11-28 06:29:32.123456" };

  test("accepts the original record and extra fields", () => {
    assert.deepEqual(validateRecord(good), good);
    assert.deepEqual(validateRecord({ ...good, gpu: "1", unidade: "W", other: 3 }), { ...good, gpu: "1", unidade: "W", other: 3 });
  });

  test("rejects a number where the original has a string, naming the field", () => {
    assert.throws(() => validateRecord({ ...good, dado: 36.2 }), /field 'dado' must be a string/);
  });

  test("rejects a missing field, naming it", () => {
    const { timestamp: _, ...withoutTimestamp } = good;
    assert.throws(() => validateRecord(withoutTimestamp), /missing field 'timestamp'/);
  });

  test("rejects an unknown tipo, listing the five", () => {
    assert.throws(() => validateRecord({ ...good, tipo: "energy" }), /tipo 'energy' must be one of energia, Frequencia, temperatura, Uso, usoVRAM/);
  });

  test("rejects a dado that is not a decimal number", () => {
    assert.throws(() => validateRecord({ ...good, dado: "36,2" }), /dado '36,2' must be a decimal number/);
  });

  test("rejects arrays, null and bad JSON with RecordError", () => {
    assert.throws(() => validateRecord([good]), /must be a JSON object, got an array/);
    assert.throws(() => validateRecord(null), RecordError);
    assert.throws(() => parseRecord('{"idtemp": "1"'), /not JSON/);
  });
});

describe("metric names", () => {
  test("parse in any case and reject unknown names with the list", () => {
    assert.equal(parseMetric("frequencia"), "Frequencia");
    assert.equal(parseMetric(" USOVRAM "), "usoVRAM");
    assert.throws(() => parseMetric("power"), /Unknown metric 'power': expected one of energia/);
  });
});
