import { METRIC_INFO, METRICS, type Metric } from "../gpuLog/metrics";

/** The languages the charts speak: the course's own (Brazilian Portuguese) and English. */
export const CHART_LOCALES = ["en", "pt-BR"] as const;

export type ChartLocale = (typeof CHART_LOCALES)[number];

/** Every word a chart shows; metric names (the record's `tipo` values) and units stay as they are. */
export interface ChartLabels {
  readonly metricsOverTimeTitle: string;
  readonly metricDistributionsTitle: string;
  readonly correlationTitle: string;
  /** The same, when each cell also shows the number of samples it rests on. */
  readonly correlationWithSamplesTitle: string;
  readonly gpuLogOverTimeTitle: string;
  readonly gpuLogHistogramsTitle: string;
  readonly timeAxis: string;
  readonly recordsCount: string;
  readonly samplesCount: string;
  readonly noValue: string;
  readonly and: string;
  readonly metricDescriptions: { readonly [M in Metric]: string };
}

/** Options every *Figure function takes: the language of its titles and axis labels (English by default). */
export interface FigureOptions {
  readonly locale?: ChartLocale;
}

const LABELS: { readonly [L in ChartLocale]: ChartLabels } = {
  en: {
    metricsOverTimeTitle: "GPU telemetry over time (one point per record)",
    metricDistributionsTitle: "How often each value occurs (histogram per metric)",
    correlationTitle: "How the metrics move together (Pearson correlation r)",
    correlationWithSamplesTitle: "How the metrics move together (Pearson correlation r; n: samples it rests on)",
    gpuLogOverTimeTitle: "The GPU log over time",
    gpuLogHistogramsTitle: "How often each value occurs in the GPU log (histogram per metric)",
    timeAxis: "time (UTC)",
    recordsCount: "records",
    samplesCount: "samples",
    noValue: "n/a",
    and: "and",
    metricDescriptions: Object.fromEntries(METRICS.map((metric) => [metric, METRIC_INFO[metric].description])) as ChartLabels["metricDescriptions"],
  },
  "pt-BR": {
    metricsOverTimeTitle: "Telemetria da GPU ao longo do tempo (um ponto por registro)",
    metricDistributionsTitle: "Com que frequência cada valor ocorre (histograma por métrica)",
    correlationTitle: "Como as métricas variam juntas (correlação de Pearson r)",
    correlationWithSamplesTitle: "Como as métricas variam juntas (correlação de Pearson r; n: amostras em que se baseia)",
    gpuLogOverTimeTitle: "O log da GPU ao longo do tempo",
    gpuLogHistogramsTitle: "Com que frequência cada valor ocorre no log da GPU (histograma por métrica)",
    timeAxis: "tempo (UTC)",
    recordsCount: "registros",
    samplesCount: "amostras",
    noValue: "n/d",
    and: "e",
    metricDescriptions: {
      energia: "consumo de energia da placa",
      Frequencia: "clock gráfico",
      temperatura: "temperatura do núcleo da GPU",
      Uso: "carga da GPU",
      usoVRAM: "memória de vídeo dedicada em uso",
    },
  },
};

export function chartLabels(locale: ChartLocale = "en"): ChartLabels {
  const labels = LABELS[locale];
  if (labels === undefined) {
    throw new Error(`charts speak ${CHART_LOCALES.map((known) => `"${known}"`).join(" or ")}, not "${String(locale)}"`);
  }
  return labels;
}
