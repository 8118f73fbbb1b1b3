import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { correlationMatrix, formatRecordTimestamp, inferBucketMs, METRICS, widePerSample, type Metric, type TelemetryRow, type WideTable } from "@gpu-stream/shared";

function row(tipo: Metric, timeMs: number, dado: number): TelemetryRow {
  const timestamp = formatRecordTimestamp(timeMs * 1000);
  return { idtemp: "0", tipo, dado, timestamp, timeMs };
}

/** Five producers, one per metric, each putting a record every second; they started 150 ms apart, across a whole second. */
function fiveProducers(samples: number): TelemetryRow[] {
  const start = Date.UTC(2026, 10, 28, 6, 29, 32, 900);
  return METRICS.flatMap((metric, producer) =>
    Array.from({ length: samples }, (_, index) => row(metric, start + producer * 150 + index * 1000 + ((index * 7 + producer * 3) % 11) - 5, index * 10 + producer)),
  );
}

function tableOf(series: { [M in Metric]?: (number | undefined)[] }): WideTable {
  const metrics = METRICS.filter((metric) => series[metric] !== undefined);
  const length = Math.max(...metrics.map((metric) => series[metric]!.length));
  const rows = Array.from({ length }, (_, index) => {
    const values: { [M in Metric]?: number } = {};
    for (const metric of metrics) {
      const value = series[metric]![index];
      if (value !== undefined) {
        values[metric] = value;
      }
    }
    return { timeMs: index * 1000, label: String(index), values };
  });
  return { bucketMs: 1000, metrics, rows };
}

describe("the bucket width inferred from the data", () => {
  test("is the producers' interval even though their records interleave", () => {
    assert.equal(inferBucketMs(fiveProducers(60)), 1000);
  });

  test("is rounded to two significant digits, and at least 1 ms", () => {
    const every = (gapMs: number): TelemetryRow[] => Array.from({ length: 5 }, (_, index) => row("Uso", index * gapMs, 1));
    assert.equal(inferBucketMs(every(1003)), 1000);
    assert.equal(inferBucketMs(every(1490)), 1500);
    assert.equal(inferBucketMs(every(250)), 250);
    assert.equal(inferBucketMs(every(7)), 7);
    assert.equal(inferBucketMs(every(0.4)), 1);
  });

  test("takes the median, so one pause does not change it", () => {
    const times = [0, 2000, 4000, 6000, 60_000, 62_000];
    assert.equal(inferBucketMs(times.map((timeMs) => row("energia", timeMs, 1))), 2000);
  });

  test("ignores a timestamp repeated by several GPUs sampled at once", () => {
    const rows = [0, 0, 500, 500, 1000, 1000, 1500, 1500].map((timeMs) => row("temperatura", timeMs, 40));
    assert.equal(inferBucketMs(rows), 500);
  });

  test("is one second when no metric has two records", () => {
    assert.equal(inferBucketMs([row("Uso", 0, 1), row("energia", 10, 1)]), 1000);
    assert.equal(inferBucketMs([]), 1000);
  });
});

describe("the wide per-sample table", () => {
  test("lines up five producers in one row per interval, with every metric", () => {
    const table = widePerSample(fiveProducers(60));
    assert.equal(table.bucketMs, 1000);
    assert.deepEqual(table.metrics, METRICS);
    assert.equal(table.rows.length, 60);
    table.rows.forEach((wide, index) => {
      assert.deepEqual(wide.values, { energia: index * 10, Frequencia: index * 10 + 1, temperatura: index * 10 + 2, Uso: index * 10 + 3, usoVRAM: index * 10 + 4 }, `row ${index}`);
    });
    assert.ok(table.rows.every((wide, index) => index === 0 || wide.timeMs - table.rows[index - 1]!.timeMs === 1000));
  });

  test("starts the inferred buckets at a round time in the quietest part of the interval", () => {
    // The records arrive from .895 to .505 of the next second: the boundary goes in the quiet .505-.895, at .700.
    const table = widePerSample(fiveProducers(3));
    assert.deepEqual(table.rows.map((wide) => wide.label), ["2026-11-28 06:29:32.700", "2026-11-28 06:29:33.700", "2026-11-28 06:29:34.700"]);
  });

  test("averages a metric's records in a bucket and leaves metrics without one undefined", () => {
    const start = Date.UTC(2026, 0, 1, 12, 0, 0);
    const table = widePerSample([row("energia", start + 1_000, 10), row("energia", start + 30_000, 20), row("Uso", start + 59_999, 5), row("Uso", start + 60_000, 7)], {
      bucketMs: 60_000,
    });
    assert.deepEqual(table.metrics, ["energia", "Uso"]);
    assert.deepEqual(table.rows, [
      { timeMs: start, label: "2026-01-01 12:00:00.000", values: { energia: 15, Uso: 5 } },
      { timeMs: start + 60_000, label: "2026-01-01 12:01:00.000", values: { Uso: 7 } },
    ]);
    assert.equal(table.rows[1]!.values.energia, undefined);
  });

  test("labels each bucket by its start, to the millisecond", () => {
    const table = widePerSample([row("Uso", Date.UTC(2026, 10, 28, 6, 29, 32, 123), 1)], { bucketMs: 1 });
    assert.equal(table.rows[0]!.label, "2026-11-28 06:29:32.123");
  });

  test("is empty for no rows and refuses a bucket that is not positive", () => {
    assert.deepEqual(widePerSample([]), { bucketMs: 1000, metrics: [], rows: [] });
    assert.throws(() => widePerSample([row("Uso", 0, 1)], { bucketMs: 0 }), /bucketMs must be a number > 0, got 0/);
  });
});

describe("the correlation matrix", () => {
  test("is 1 for series moving together, -1 for opposite ones, 1 on the diagonal, and symmetric", () => {
    const x = [1, 2, 3, 4, 5, 6];
    const { metrics, matrix } = correlationMatrix(tableOf({ energia: x, Uso: x.map((v) => 3 * v + 7), temperatura: x.map((v) => 100 - 2 * v) }));
    assert.deepEqual(metrics, ["energia", "temperatura", "Uso"]);
    const near = (actual: number | null | undefined, expected: number): void => assert.ok(actual !== null && actual !== undefined && Math.abs(actual - expected) < 1e-12, `${actual} != ${expected}`);
    near(matrix[0]![0], 1);
    near(matrix[0]![2], 1);
    near(matrix[0]![1], -1);
    near(matrix[1]![2], -1);
    assert.deepEqual(matrix, matrix.map((_, i) => matrix.map((r) => r[i])));
  });

  test("matches a hand-computed r over the buckets where both metrics have a value", () => {
    // energia and Uso share buckets 0..4 only: pairs (1,2) (2,1) (3,4) (4,3) (5,5), r = 0.8.
    const { matrix, samples } = correlationMatrix(tableOf({ energia: [1, 2, 3, 4, 5, 100], Uso: [2, 1, 4, 3, 5, undefined] }));
    assert.ok(Math.abs(matrix[0]![1]! - 0.8) < 1e-12, String(matrix[0]![1]));
    assert.deepEqual(samples, [[6, 5], [5, 5]], "the number of samples each r rests on");
  });

  test("is null with fewer than three pairs or a constant series", () => {
    const { matrix } = correlationMatrix(tableOf({ energia: [1, 2, 3, 4], Uso: [1, 2, undefined, undefined], usoVRAM: [0.1, 0.1, 0.1, 0.1] }));
    assert.equal(matrix[0]![1], null);
    assert.equal(matrix[0]![2], null);
    assert.equal(matrix[2]![2], null);
    assert.equal(matrix[1]![1], null);
  });
});
