import { describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  chartLabels,
  correlationFigure,
  correlationMatrix,
  formatRecordTimestamp,
  gpuLogHistogramsFigure,
  gpuLogOverTimeFigure,
  METRICS,
  metricDistributionsFigure,
  metricsOverTimeFigure,
  widePerSample,
  type ChartLocale,
  type GpuSample,
  type PlotlyFigure,
  type TelemetryRow,
} from "@gpu-stream/shared";

const start = Date.UTC(2026, 10, 28, 6, 0, 0);
const rows: TelemetryRow[] = METRICS.flatMap((tipo, producer) =>
  Array.from({ length: 6 }, (_, index) => {
    const timeMs = start + index * 1000 + producer * 100;
    return { idtemp: String(index), tipo, dado: 10 * producer + index * (producer + 1), timestamp: formatRecordTimestamp(timeMs * 1000), timeMs };
  }),
);
const samples: GpuSample[] = Array.from({ length: 8 }, (_, index) => ({
  timeUs: (start + index * 500) * 1000,
  gpuId: "0",
  values: { energia: 20 + index, Frequencia: 1400 + index, temperatura: 35, Uso: index, usoVRAM: 1100 },
}));

type FigureOf = (locale: ChartLocale | undefined) => PlotlyFigure;
const figures: Record<string, FigureOf> = {
  metricsOverTimeFigure: (locale) => metricsOverTimeFigure(rows, locale === undefined ? undefined : { locale }),
  metricDistributionsFigure: (locale) => metricDistributionsFigure(rows, locale === undefined ? undefined : { locale }),
  correlationFigure: (locale) => correlationFigure(correlationMatrix(widePerSample(rows)), locale === undefined ? undefined : { locale }),
  gpuLogOverTimeFigure: (locale) => gpuLogOverTimeFigure(samples, locale === undefined ? undefined : { locale }),
  gpuLogHistogramsFigure: (locale) => gpuLogHistogramsFigure(samples, locale === undefined ? undefined : { locale }),
};

/** Every text a reader sees: the title, the axis titles, the annotations (subplot titles, correlation values). */
function visibleTexts(figure: PlotlyFigure): string[] {
  const layout = figure.layout;
  const axisTitles = Object.keys(layout)
    .filter((key) => /^[xy]axis\d*$/.test(key))
    .map((key) => (layout[key] as { title?: { text: string } }).title?.text ?? "");
  const annotations = ((layout["annotations"] ?? []) as { text: string }[]).map((annotation) => annotation.text);
  return [(layout["title"] as { text: string }).text, ...axisTitles, ...annotations].filter((text) => text !== "");
}

describe("chart labels", () => {
  for (const [name, figureOf] of Object.entries(figures)) {
    test(`${name}: English by default, and { locale: "en" } draws the very same figure`, () => {
      assert.deepEqual(figureOf("en"), figureOf(undefined));
      assert.equal((figureOf(undefined).layout["title"] as { text: string }).text.length > 0, true);
    });

    test(`${name}: { locale: "pt-BR" } changes the words and nothing else`, () => {
      const english = figureOf("en");
      const portuguese = figureOf("pt-BR");
      assert.deepEqual(portuguese.data.map((trace) => [trace["x"], trace["y"], trace["z"]]), english.data.map((trace) => [trace["x"], trace["y"], trace["z"]]));
      assert.deepEqual(Object.keys(portuguese.layout).sort(), Object.keys(english.layout).sort());
      assert.notEqual((portuguese.layout["title"] as { text: string }).text, (english.layout["title"] as { text: string }).text);
    });
  }

  test("the Portuguese time series titles its panels and time axis in Portuguese, metric names kept", () => {
    const texts = visibleTexts(metricsOverTimeFigure(rows, { locale: "pt-BR" }));
    assert.ok(texts.includes("Telemetria da GPU ao longo do tempo (um ponto por registro)"), texts.join(" | "));
    assert.ok(texts.includes("tempo (UTC)"), texts.join(" | "));
    assert.ok(texts.includes("<b>temperatura: temperatura do núcleo da GPU</b>"), texts.join(" | "));
    assert.ok(texts.includes("energia (W)"), texts.join(" | "));
  });

  test("the Portuguese histograms count registros (CSV rows) and amostras (log samples)", () => {
    assert.ok(visibleTexts(metricDistributionsFigure(rows, { locale: "pt-BR" })).includes("registros"));
    assert.ok(visibleTexts(gpuLogHistogramsFigure(samples, { locale: "pt-BR" })).includes("amostras"));
    assert.ok(visibleTexts(gpuLogHistogramsFigure(samples)).includes("samples"));
  });

  test("no English word of a chart is left in its Portuguese edition", () => {
    const english = chartLabels("en");
    const englishWords = [english.timeAxis, english.recordsCount, english.samplesCount, ...Object.values(english.metricDescriptions)];
    for (const [name, figureOf] of Object.entries(figures)) {
      const texts = visibleTexts(figureOf("pt-BR")).join(" | ");
      for (const word of englishWords) {
        assert.ok(!texts.includes(word), `${name} in pt-BR still says "${word}": ${texts}`);
      }
    }
  });

  test("an unknown locale is an error naming the known ones", () => {
    assert.throws(() => metricsOverTimeFigure(rows, { locale: "fr" as ChartLocale }), /charts speak "en" or "pt-BR", not "fr"/);
  });
});
