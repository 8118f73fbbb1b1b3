import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { GpuLogError, NVIDIA_SMI_QUERY_FIELDS, parseNvidiaSmiCsv, parseNvidiaSmiLine } from "@gpu-stream/shared";

const HEADER = "timestamp, index, power.draw [W], clocks.current.graphics [MHz], temperature.gpu, utilization.gpu [%], memory.used [MiB]";
const WITH_UNITS = [
  HEADER,
  "2026/11/28 07:20:48.123, 0, 35.12 W, 1410 MHz, 45, 12 %, 1024 MiB",
  "2026/11/28 07:20:49.123, 0, 36.50 W, 1530 MHz, 46, 40 %, 1100 MiB",
  "",
].join("\n");
const UTC = { utcOffsetMinutes: 0 };

function utcUs(second: number, ms: number): number {
  return Date.UTC(2026, 10, 28, 7, 20, second, ms) * 1000;
}

/** Runs `body` with the process in another time zone (Node applies a changed TZ at once). */
function inTimeZone<T>(zone: string, body: () => T): T {
  const before = process.env["TZ"];
  process.env["TZ"] = zone;
  try {
    return body();
  } finally {
    if (before === undefined) {
      delete process.env["TZ"];
    } else {
      process.env["TZ"] = before;
    }
  }
}

describe("parseNvidiaSmiCsv", () => {
  test("reads --format=csv output with units in the header and the values", () => {
    const log = parseNvidiaSmiCsv(WITH_UNITS, UTC);
    assert.equal(log.format, "nvidia-smi");
    assert.equal(log.skippedRows, 0);
    assert.deepEqual(log.columns, {
      energia: "power.draw [W]",
      Frequencia: "clocks.current.graphics [MHz]",
      temperatura: "temperature.gpu",
      Uso: "utilization.gpu [%]",
      usoVRAM: "memory.used [MiB]",
    });
    assert.deepEqual(log.samples, [
      { timeUs: utcUs(48, 123), gpuId: "0", values: { energia: 35.12, Frequencia: 1410, temperatura: 45, Uso: 12, usoVRAM: 1024 } },
      { timeUs: utcUs(49, 123), gpuId: "0", values: { energia: 36.5, Frequencia: 1530, temperatura: 46, Uso: 40, usoVRAM: 1100 } },
    ]);
  });

  test("reads csv,nounits output the same, with CRLF line ends", () => {
    const nounits = [HEADER, "2026/11/28 07:20:48.123, 0, 35.12, 1410, 45, 12, 1024", "2026/11/28 07:20:49.123, 0, 36.50, 1530, 46, 40, 1100"].join("\r\n");
    assert.deepEqual(parseNvidiaSmiCsv(nounits, UTC).samples, parseNvidiaSmiCsv(WITH_UNITS, UTC).samples);
  });

  test("reads the timestamps as this process's local time by default", () => {
    const timeUs = inTimeZone("America/Sao_Paulo", () => parseNvidiaSmiCsv(WITH_UNITS).samples[0]!.timeUs);
    assert.equal(timeUs, Date.UTC(2026, 10, 28, 10, 20, 48, 123) * 1000);
  });

  test("reads the timestamps in the zone utcOffsetMinutes gives", () => {
    const timeUs = inTimeZone("America/Sao_Paulo", () => parseNvidiaSmiCsv(WITH_UNITS, { utcOffsetMinutes: 60 }).samples[0]!.timeUs);
    assert.equal(timeUs, Date.UTC(2026, 10, 28, 6, 20, 48, 123) * 1000);
  });

  test("accepts the query names and the power.draw.instant and power.draw.average fields", () => {
    for (const [power, clock] of [
      ["power.draw.instant [W]", "clocks.gr [MHz]"],
      ["power.draw.average [W]", "clocks.current.graphics [MHz]"],
      ["power.draw", "clocks.gr"],
    ] as const) {
      const text = `timestamp, ${clock}, ${power}, temperature.gpu, utilization.gpu, memory.used\n2026/11/28 07:20:48.123, 1410, 35.12, 45, 12, 1024\n`;
      const log = parseNvidiaSmiCsv(text, UTC);
      assert.equal(log.columns.energia, power);
      assert.equal(log.columns.Frequencia, clock);
      assert.deepEqual(log.samples[0]!.values, { energia: 35.12, Frequencia: 1410, temperatura: 45, Uso: 12, usoVRAM: 1024 });
    }
  });

  test("prefers power.draw when the output has several power fields", () => {
    const text = "timestamp, power.draw.instant [W], power.draw [W], clocks.gr [MHz], temperature.gpu, utilization.gpu [%], memory.used [MiB]\n2026/11/28 07:20:48.123, 40.00 W, 35.12 W, 1410 MHz, 45, 12 %, 1024 MiB\n";
    assert.equal(parseNvidiaSmiCsv(text, UTC).samples[0]!.values.energia, 35.12);
  });

  test("ignores extra fields such as name, uuid and pci.bus_id", () => {
    const text = [
      "timestamp, name, pci.bus_id, index, power.draw [W], clocks.current.graphics [MHz], temperature.gpu, utilization.gpu [%], memory.used [MiB], memory.total [MiB]",
      "2026/11/28 07:20:48.123, NVIDIA GeForce RTX 3080, 00000000:01:00.0, 0, 35.12 W, 1410 MHz, 45, 12 %, 1024 MiB, 10240 MiB",
    ].join("\n");
    assert.deepEqual(parseNvidiaSmiCsv(text, UTC).samples[0]!.values, { energia: 35.12, Frequencia: 1410, temperatura: 45, Uso: 12, usoVRAM: 1024 });
  });

  test("tells several GPUs apart by their index", () => {
    const text = [HEADER, "2026/11/28 07:20:48.123, 0, 35.12 W, 1410 MHz, 45, 12 %, 1024 MiB", "2026/11/28 07:20:48.125, 1, 250.00 W, 1900 MHz, 70, 99 %, 20000 MiB"].join("\n");
    const log = parseNvidiaSmiCsv(text, UTC);
    assert.deepEqual(
      log.samples.map((sample) => [sample.gpuId, sample.values.energia]),
      [
        ["0", 35.12],
        ["1", 250],
      ],
    );
  });

  test("takes the uuid as the GPU's id when there is no index", () => {
    const text = "timestamp, uuid, power.draw, clocks.gr, temperature.gpu, utilization.gpu, memory.used\n2026/11/28 07:20:48.123, GPU-5a1c0f4e-1b2d-4c3e-9f00-123456789abc, 35.12, 1410, 45, 12, 1024\n";
    assert.equal(parseNvidiaSmiCsv(text, UTC).samples[0]!.gpuId, "GPU-5a1c0f4e-1b2d-4c3e-9f00-123456789abc");
  });

  test("tags samples with the gpuId option, default 0, when the output names no GPU", () => {
    const text = "timestamp, power.draw, clocks.gr, temperature.gpu, utilization.gpu, memory.used\n2026/11/28 07:20:48.123, 35.12, 1410, 45, 12, 1024\n";
    assert.equal(parseNvidiaSmiCsv(text, UTC).samples[0]!.gpuId, "0");
    assert.equal(parseNvidiaSmiCsv(text, { ...UTC, gpuId: "laptop" }).samples[0]!.gpuId, "laptop");
  });

  test("skips and counts rows with [N/A] or [Not Supported] readings", () => {
    const text = [
      HEADER,
      "2026/11/28 07:20:48.123, 0, [N/A], 1410 MHz, 45, 12 %, 1024 MiB",
      "2026/11/28 07:20:49.123, 0, 36.50 W, 1530 MHz, 46, [Not Supported], 1100 MiB",
      "2026/11/28 07:20:50.123, 0, 37.00 W, 1530 MHz, 46, 41 %, 1100 MiB",
    ].join("\n");
    const log = parseNvidiaSmiCsv(text, UTC);
    assert.equal(log.skippedRows, 2);
    assert.deepEqual(
      log.samples.map((sample) => sample.timeUs),
      [utcUs(50, 123)],
    );
  });

  test("skips the header where outputs were concatenated", () => {
    const text = [WITH_UNITS.trim(), HEADER, "2026/11/28 07:20:50.123, 0, 37.00 W, 1530 MHz, 46, 41 %, 1100 MiB"].join("\n");
    assert.equal(parseNvidiaSmiCsv(text, UTC).samples.length, 3);
  });

  test("rejects output without a power field, naming it and the fields it found", () => {
    const text = "timestamp, index, clocks.gr [MHz], temperature.gpu, utilization.gpu [%], memory.used [MiB], power.limit [W]\n";
    assert.throws(
      () => parseNvidiaSmiCsv(text),
      (error: unknown) => {
        assert.ok(error instanceof GpuLogError);
        assert.match(error.message, /no field for energia \(power\.draw or power\.draw\.average or power\.draw\.instant\)/);
        assert.match(error.message, /its fields are: 'timestamp', 'index', .*'power\.limit \[W\]'/);
        return true;
      },
    );
  });

  test("rejects output without a timestamp", () => {
    assert.throws(() => parseNvidiaSmiCsv("index, power.draw, clocks.gr, temperature.gpu, utilization.gpu, memory.used\n"), /no field for the sample time \(timestamp\)/);
  });

  test("rejects a line with the wrong number of fields, naming its line number", () => {
    const text = [HEADER, "2026/11/28 07:20:48.123, 0, 35.12 W, 1410 MHz, 45, 12 %, 1024 MiB", "", "2026/11/28 07:20:49.123, 0, 36.50 W, 1530 MHz, 46, 40 %"].join("\n");
    assert.throws(() => parseNvidiaSmiCsv(text), (error: unknown) => error instanceof GpuLogError && /^line 4 has 6 fields, expected 7/.test(error.message));
  });

  test("rejects a line whose timestamp is not one, naming its line number", () => {
    const text = [HEADER, "28.11.2026 07:20:48, 0, 35.12 W, 1410 MHz, 45, 12 %, 1024 MiB"].join("\n");
    assert.throws(() => parseNvidiaSmiCsv(text), /line 2: '28\.11\.2026 07:20:48' is not an nvidia-smi timestamp/);
  });

  test("rejects empty output", () => {
    assert.throws(() => parseNvidiaSmiCsv("\n\n"), /no header line/);
  });

  test("reads header-less output given its fields", () => {
    const text = "2026/11/28 07:20:48.123, 0, 35.12, 1410, 45, 12, 1024\n2026/11/28 07:20:48.123, 1, 36.00, 1500, 50, 20, 2048\n";
    const log = parseNvidiaSmiCsv(text, { ...UTC, fields: NVIDIA_SMI_QUERY_FIELDS });
    assert.deepEqual(
      log.samples.map((sample) => [sample.gpuId, sample.values.usoVRAM]),
      [
        ["0", 1024],
        ["1", 2048],
      ],
    );
  });
});

describe("parseNvidiaSmiLine", () => {
  test("reads a noheader,nounits line of the live source's query fields", () => {
    assert.deepEqual(parseNvidiaSmiLine("2026/11/28 07:20:48.123, 1, 35.12, 1410, 45, 12, 1024", NVIDIA_SMI_QUERY_FIELDS, UTC), {
      timeUs: utcUs(48, 123),
      gpuId: "1",
      values: { energia: 35.12, Frequencia: 1410, temperatura: 45, Uso: 12, usoVRAM: 1024 },
    });
  });

  test("follows the field order it is given", () => {
    const fields = ["memory.used", "utilization.gpu", "temperature.gpu", "clocks.gr", "power.draw", "timestamp"];
    assert.deepEqual(parseNvidiaSmiLine("1024, 12, 45, 1410, 35.12, 2026/11/28 07:20:48.123", fields, UTC)?.values, {
      energia: 35.12,
      Frequencia: 1410,
      temperatura: 45,
      Uso: 12,
      usoVRAM: 1024,
    });
  });

  test("gives undefined for a line with an unreadable metric", () => {
    assert.equal(parseNvidiaSmiLine("2026/11/28 07:20:48.123, 0, [N/A], 1410, 45, 12, 1024", NVIDIA_SMI_QUERY_FIELDS, UTC), undefined);
  });

  test("rejects a line that is not the given fields, quoting it", () => {
    assert.throws(() => parseNvidiaSmiLine("No devices were found", NVIDIA_SMI_QUERY_FIELDS), /line 'No devices were found' has 1 fields, expected 7/);
  });
});
