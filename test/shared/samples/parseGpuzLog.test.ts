import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { formatGpuzLog, GpuLogError, METRICS, parseGpuzLog, parseWallClockTime, type GpuSample } from "@gpu-stream/shared";

const NVIDIA_HEADER =
  "        Date        , GPU Clock [MHz] , Memory Clock [MHz] , GPU Temperature [°C] , Hot Spot [°C] , Fan Speed (%) [%] , Memory Used [MB] , " +
  "GPU Load [%] , Memory Controller Load [%] , Board Power Draw [W] , GPU Chip Power Draw [W] , PCIe Slot Power [W] , 8-Pin #1 Power [W] , " +
  "Power Consumption (%) [% TDP] , PerfCap Reason [] , GPU Voltage [V] , CPU Temperature [°C] , System Memory Used [MB] ,";
const NVIDIA_ROWS = [
  "2023-08-26 18:20:01 ,           210.0   ,              405.0   ,                 38.0   ,          45.6   ,                 0   ,            1054   ,          6   ,                        2   ,                16.3   ,                   10.1   ,                5.7   ,               10.6   ,                         21.7   ,              16   ,        0.6250   ,                 41.0   ,                   8208   ,",
  "2023-08-26 18:20:02 ,          1777.0   ,             2001.0   ,                 43.0   ,          55.4   ,                 0   ,            1142   ,         61   ,                       27   ,                37.6   ,                   23.3   ,               13.2   ,               24.4   ,                         50.1   ,               4   ,        1.0500   ,                 53.3   ,                   8384   ,",
];
const NVIDIA_LOG = [NVIDIA_HEADER, ...NVIDIA_ROWS].join("\r\n") + "\r\n";

/** A log of two columns besides Date and the given ones, all values 1, 2, 3... in column order. */
function logWithColumns(headers: readonly string[]): string {
  const values = headers.map((_, index) => `${index + 1}.0`);
  return `Date , ${headers.join(" , ")} ,\n2023-08-26 18:20:01 , ${values.join(" , ")} ,\n`;
}

const FIVE = ["GPU Clock [MHz]", "GPU Temperature [°C]", "GPU Load [%]", "Memory Used [MB]", "Board Power Draw [W]"];

describe("parseGpuzLog", () => {
  test("reads the five metrics of an NVIDIA log and ignores the other columns", () => {
    const log = parseGpuzLog(NVIDIA_LOG);
    assert.equal(log.format, "gpu-z");
    assert.deepEqual(log.columns, {
      energia: "Board Power Draw [W]",
      Frequencia: "GPU Clock [MHz]",
      temperatura: "GPU Temperature [°C]",
      Uso: "GPU Load [%]",
      usoVRAM: "Memory Used [MB]",
    });
    assert.equal(log.skippedRows, 0);
    assert.deepEqual(log.samples, [
      { timeUs: Date.UTC(2023, 7, 26, 18, 20, 1) * 1000, gpuId: "0", values: { energia: 16.3, Frequencia: 210, temperatura: 38, Uso: 6, usoVRAM: 1054 } },
      { timeUs: Date.UTC(2023, 7, 26, 18, 20, 2) * 1000, gpuId: "0", values: { energia: 37.6, Frequencia: 1777, temperatura: 43, Uso: 61, usoVRAM: 1142 } },
    ]);
  });

  test("tags the samples with the gpuId it is given", () => {
    assert.deepEqual(
      parseGpuzLog(NVIDIA_LOG, { gpuId: "rtx" }).samples.map((sample) => sample.gpuId),
      ["rtx", "rtx"],
    );
  });

  test("prefers whole-board power to chip power and the PCIe, 8-pin and PWR_SRC rails, wherever they stand", () => {
    const headers = ["PCIe Slot Power [W]", "8-Pin #1 Power [W]", "PWR_SRC Power Draw [W]", "GPU Chip Power Draw [W]", "Board Power Draw [W]", "GPU Clock [MHz]", "GPU Temperature [°C]", "GPU Load [%]", "Memory Used [MB]"];
    const log = parseGpuzLog(logWithColumns(headers));
    assert.equal(log.columns.energia, "Board Power Draw [W]");
    assert.equal(log.samples[0]!.values.energia, 5);
  });

  test("finds power under each vendor's and version's column name", () => {
    for (const power of ["Power Consumption (W) [W]", "GPU Power Draw [W]", "GPU Chip Power Draw [W]"]) {
      const headers = ["PCIe Slot Power [W]", power, "GPU Clock [MHz]", "GPU Temperature [°C]", "GPU Load [%]", "Memory Used [MB]"];
      const log = parseGpuzLog(logWithColumns(headers));
      assert.equal(log.columns.energia, power);
      assert.equal(log.samples[0]!.values.energia, 2);
    }
  });

  test("reads an AMD log: GPU clock not memory or shader clock, dedicated memory, GPU temperature not hot spot", () => {
    const headers = [
      "Memory Clock [MHz]",
      "Shader Clock [MHz]",
      "GPU Clock [MHz]",
      "GPU Temperature (Hot Spot) [°C]",
      "GPU Temperature [°C]",
      "Memory Temperature [°C]",
      "Fan Speed (%) [%]",
      "Memory Controller Load [%]",
      "GPU Load [%]",
      "System Memory Used [MB]",
      "Memory Used (Dynamic) [MB]",
      "Memory Used (Dedicated) [MB]",
      "GPU Chip Power Draw [W]",
      "CPU Temperature [°C]",
    ];
    const log = parseGpuzLog(logWithColumns(headers));
    assert.deepEqual(log.columns, {
      energia: "GPU Chip Power Draw [W]",
      Frequencia: "GPU Clock [MHz]",
      temperatura: "GPU Temperature [°C]",
      Uso: "GPU Load [%]",
      usoVRAM: "Memory Used (Dedicated) [MB]",
    });
    assert.deepEqual(log.samples[0]!.values, { energia: 13, Frequencia: 3, temperatura: 5, Uso: 9, usoVRAM: 12 });
  });

  test("falls back to Hot Spot only when the log has no GPU temperature", () => {
    const headers = ["CPU Temperature [°C]", "Hot Spot [°C]", "GPU Clock [MHz]", "GPU Load [%]", "Memory Used [MB]", "Board Power Draw [W]"];
    const log = parseGpuzLog(logWithColumns(headers));
    assert.equal(log.columns.temperatura, "Hot Spot [°C]");
    assert.equal(log.samples[0]!.values.temperatura, 2);
  });

  test("reads the degree sign however it was decoded", () => {
    for (const unit of ["Â°C", "\uFFFDC", "C", "°C"]) {
      const headers = FIVE.map((header) => header.replace("[°C]", `[${unit}]`));
      assert.equal(parseGpuzLog(logWithColumns(headers)).columns.temperatura, `GPU Temperature [${unit}]`);
    }
  });

  test("converts a Fahrenheit temperature column to Celsius", () => {
    const text = "Date , GPU Clock [MHz] , GPU Temperature [°F] , GPU Load [%] , Memory Used [MB] , Board Power Draw [W] ,\n2023-08-26 18:20:01 , 210.0 , 104.0 , 6 , 1054 , 16.3 ,\n";
    assert.equal(parseGpuzLog(text).samples[0]!.values.temperatura, 40);
  });

  test("rejects a log without a power column, naming the metric, the columns looked for and those found", () => {
    const headers = ["GPU Clock [MHz]", "GPU Temperature [°C]", "GPU Load [%]", "Memory Used [MB]", "PCIe Slot Power [W]"];
    assert.throws(
      () => parseGpuzLog(logWithColumns(headers)),
      (error: unknown) => {
        assert.ok(error instanceof GpuLogError);
        assert.match(error.message, /no column for energia/);
        assert.match(error.message, /'Board Power Draw \[W\]'/);
        assert.match(error.message, /columns are: 'Date', 'GPU Clock \[MHz\]'.*'PCIe Slot Power \[W\]'/);
        assert.doesNotMatch(error.message, /Frequencia|temperatura|usoVRAM/);
        return true;
      },
    );
  });

  test("names every missing metric in one error", () => {
    assert.throws(() => parseGpuzLog(logWithColumns(["Board Power Draw [W]", "Hot Spot [%]"])), /Frequencia.*temperatura.*Uso.*usoVRAM/);
  });

  test("does not take a column with the right name but another unit", () => {
    const headers = FIVE.map((header) => header.replace("Memory Used [MB]", "Memory Used [%]"));
    assert.throws(() => parseGpuzLog(logWithColumns(headers)), /no column for usoVRAM.*'Memory Used \[MB\]'/);
  });

  test("tolerates CRLF, blank lines, odd spacing, no trailing comma and comment lines before the header", () => {
    const text = [
      "# SYNTHETIC: not a recording of a real GPU.",
      "#",
      "",
      "Date,GPU Clock [MHz],  GPU Temperature [°C]   ,GPU Load [%],Memory Used [MB],Board Power Draw [W]",
      "",
      "2023-08-26 18:20:01,210.0,   38.0,6,1054,16.3",
      "   ",
      "2023-08-26 18:20:02  ,  1777.0 ,43.0,61,1142,37.6  ",
      "",
    ].join("\r\n");
    const log = parseGpuzLog(text);
    assert.deepEqual(
      log.samples.map((sample) => sample.values.energia),
      [16.3, 37.6],
    );
    assert.equal(log.columns.temperatura, "GPU Temperature [°C]");
  });

  test("skips and counts rows whose metric reading is not a number", () => {
    const text = [NVIDIA_HEADER, NVIDIA_ROWS[0]!, NVIDIA_ROWS[1]!.replace("37.6", "  - "), NVIDIA_ROWS[1]!.replace("1142", "    "), NVIDIA_ROWS[1]!].join("\n");
    const log = parseGpuzLog(text);
    assert.equal(log.samples.length, 2);
    assert.equal(log.skippedRows, 2);
  });

  test("keeps a row whose unused columns are not numbers", () => {
    const log = parseGpuzLog([NVIDIA_HEADER, NVIDIA_ROWS[0]!.replace("0.6250", "-")].join("\n"));
    assert.equal(log.samples.length, 1);
    assert.equal(log.skippedRows, 0);
  });

  test("rejects a row with the wrong number of fields, naming its line number", () => {
    const text = ["# comment", NVIDIA_HEADER, NVIDIA_ROWS[0]!, NVIDIA_ROWS[1]!.replace("   43.0   ,", "")].join("\n");
    assert.throws(() => parseGpuzLog(text), (error: unknown) => error instanceof GpuLogError && /line 4 has 17 fields, the header has 18/.test(error.message));
  });

  test("rejects a row whose date is not a date, naming its line number", () => {
    const text = [NVIDIA_HEADER, NVIDIA_ROWS[0]!.replace("2023-08-26", "2023-02-30")].join("\n");
    assert.throws(() => parseGpuzLog(text), /line 2: '2023-02-30 18:20:01' is not a GPU-Z date/);
  });

  test("rejects text that is not a GPU-Z log, saying what it expected", () => {
    assert.throws(() => parseGpuzLog("Time, Power\n1, 2\n"), /first column is 'Time', expected 'Date'/);
    assert.throws(() => parseGpuzLog("# only a comment\n\n"), /no header line/);
  });

  test("reads the dates as UTC unless told the log's UTC offset", () => {
    const local = parseGpuzLog(NVIDIA_LOG, { utcOffsetMinutes: -180 }).samples[0]!.timeUs;
    assert.equal(local, Date.UTC(2023, 7, 26, 21, 20, 1) * 1000);
    const east = parseGpuzLog(NVIDIA_LOG, { utcOffsetMinutes: 120 }).samples[0]!.timeUs;
    assert.equal(east, Date.UTC(2023, 7, 26, 16, 20, 1) * 1000);
  });

  test("accepts fractional seconds", () => {
    const text = logWithColumns(FIVE).replace("18:20:01", "18:20:01.25");
    assert.equal(parseGpuzLog(text).samples[0]!.timeUs, Date.UTC(2023, 7, 26, 18, 20, 1) * 1000 + 250_000);
  });

  test("goes on across the header of an appended logging session", () => {
    const text = [NVIDIA_HEADER, NVIDIA_ROWS[0]!, "Date , GPU Clock [MHz] , GPU Temperature [°C] , GPU Load [%] , Memory Used [MB] , Board Power Draw [W] ,", "2023-08-26 19:00:00 , 300.0 , 39.0 , 7 , 1060 , 17.0 ,"].join("\n");
    const log = parseGpuzLog(text);
    assert.deepEqual(
      log.samples.map((sample) => sample.values.Frequencia),
      [210, 300],
    );
  });

  test("rejects an appended session that reads a metric from another column", () => {
    const text = [NVIDIA_HEADER, NVIDIA_ROWS[0]!, "Date , GPU Clock [MHz] , Hot Spot [°C] , GPU Load [%] , Memory Used [MB] , Board Power Draw [W] ,"].join("\n");
    assert.throws(() => parseGpuzLog(text), /line 3: a new logging session/);
  });
});

describe("parseWallClockTime", () => {
  test("reads a zone-less time in the given offset, or the process's local zone", () => {
    assert.equal(parseWallClockTime("2026/11/28 07:20:48.123", 0), Date.UTC(2026, 10, 28, 7, 20, 48, 123) * 1000);
    assert.equal(parseWallClockTime("2026-11-28 07:20:48.1234567", 60), Date.UTC(2026, 10, 28, 6, 20, 48) * 1000 + 123_456);
    assert.equal(parseWallClockTime("2026-11-28 07:20:48", undefined), new Date(2026, 10, 28, 7, 20, 48).getTime() * 1000);
    assert.equal(parseWallClockTime("2026-11-28 24:00:00", 0), undefined);
    assert.equal(parseWallClockTime("yesterday", 0), undefined);
    assert.throws(() => parseWallClockTime("2026-11-28 07:20:48", Number.NaN), /utcOffsetMinutes/);
  });
});

/** Samples with awkward values: many decimals, halves, a sub-second time. */
const samples: GpuSample[] = [
  { timeUs: Date.UTC(2023, 7, 26, 21, 0, 0) * 1000, gpuId: "0", values: { energia: 16.04, Frequencia: 427.36, temperatura: 30.0, Uso: 6.4, usoVRAM: 1054.2 } },
  { timeUs: Date.UTC(2023, 7, 26, 21, 0, 1) * 1000 + 999_999, gpuId: "0", values: { energia: 37.6123, Frequencia: 1777, temperatura: 42.96, Uso: 60.5, usoVRAM: 1141.7 } },
  { timeUs: Date.UTC(2023, 12 - 1, 31, 23, 59, 59) * 1000, gpuId: "0", values: { energia: 1234.56, Frequencia: 12345.6, temperatura: 99.99, Uso: 100, usoVRAM: 81920 } },
];

describe("formatGpuzLog", () => {
  test("writes GPU-Z's NVIDIA layout: comments, the padded header, right-aligned values, trailing commas", () => {
    const lines = formatGpuzLog(samples.slice(0, 1), { headerComment: ["SYNTHETIC: not a real GPU.", "", "seed 1"] }).split("\n");
    assert.deepEqual(lines.slice(0, 3), ["# SYNTHETIC: not a real GPU.", "#", "# seed 1"]);
    assert.equal(lines[3], NVIDIA_HEADER);
    assert.match(lines[4]!, /^2023-08-26 21:00:00 , {9}427\.4 {3}, {12}405\.0 {3}, {15}30\.0 {3},/);
    assert.ok(lines[4]!.endsWith("   ,"));
    assert.equal(lines[4]!.split(",").length, lines[3]!.split(",").length);
    assert.equal(lines[5], "");
    assert.equal(lines.length, 6);
  });

  test("round-trips through parseGpuzLog at the printed precision", () => {
    const log = parseGpuzLog(formatGpuzLog(samples, { headerComment: ["synthetic"] }));
    assert.equal(log.skippedRows, 0);
    assert.deepEqual(log.columns, {
      energia: "Board Power Draw [W]",
      Frequencia: "GPU Clock [MHz]",
      temperatura: "GPU Temperature [°C]",
      Uso: "GPU Load [%]",
      usoVRAM: "Memory Used [MB]",
    });
    const decimals = { energia: 1, Frequencia: 1, temperatura: 1, Uso: 0, usoVRAM: 0 } as const;
    assert.equal(log.samples.length, samples.length);
    log.samples.forEach((read, index) => {
      const written = samples[index]!;
      assert.equal(read.timeUs, Math.floor(written.timeUs / 1_000_000) * 1_000_000);
      for (const metric of METRICS) {
        assert.equal(read.values[metric], Number(written.values[metric].toFixed(decimals[metric])), `${metric} of sample ${index}`);
      }
    });
  });

  test("derives the other columns from the five metrics, the same way every time", () => {
    const first = formatGpuzLog(samples);
    assert.equal(formatGpuzLog(samples), first);
    const cells = first.split("\n")[2]!.split(",").map((cell) => cell.trim());
    // Memory Clock at load, Hot Spot above the core, PCIe slot plus 8-pin make up the board power.
    assert.equal(cells[2], "2001.0");
    assert.ok(Number(cells[4]) > Number(cells[3]));
    assert.ok(Math.abs(Number(cells[11]) + Number(cells[12]) - Number(cells[9])) <= 0.1);
  });

  test("writes a header and no rows for no samples", () => {
    assert.equal(formatGpuzLog([]), `${NVIDIA_HEADER}\n`);
  });

  test("refuses samples of several GPUs, since a GPU-Z log holds one", () => {
    assert.throws(() => formatGpuzLog([samples[0]!, { ...samples[1]!, gpuId: "1" }]), /one GPU.*0, 1/);
  });

  test("refuses a value that is not a finite number, naming the sample and metric", () => {
    assert.throws(() => formatGpuzLog([samples[0]!, { ...samples[1]!, values: { ...samples[1]!.values, Uso: Number.NaN } }]), /sample 1: Uso is NaN/);
  });
});
