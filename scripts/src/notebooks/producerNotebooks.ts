import { join } from "node:path";
import { formatValue, METRIC_INFO, type Metric } from "@gpu-stream/shared";
import { readNotebook, sourceText, toMultiline, type NotebookJson } from "./notebookJson";

/** The course's five producer notebooks, named as the original's, and the metric (tipo) each puts. */
export const PRODUCER_NOTEBOOKS: readonly { readonly notebook: string; readonly metric: Metric }[] = [
  { notebook: "GPU_energia", metric: "energia" },
  { notebook: "GPU_Frequencia", metric: "Frequencia" },
  { notebook: "GPU_Temp", metric: "temperatura" },
  { notebook: "GPU_uso", metric: "Uso" },
  { notebook: "GPU_usoVRAM", metric: "usoVRAM" },
];

export const PRODUCER_TEMPLATE = join("templates", "producer.ipynb");

const PLACEHOLDER = /\{\{(\w+)\}\}/g;

/** The template with its {{placeholders}} filled for one producer, and cell ids of its own. */
export function producerNotebook(template: NotebookJson, notebook: string, metric: Metric): NotebookJson {
  const values: Readonly<Record<string, string>> = {
    metric,
    unit: METRIC_INFO[metric].unit,
    description: METRIC_INFO[metric].description,
    original: `${notebook}.ipynb`,
    example: formatValue(metric, (METRIC_INFO[metric].originalRange.min + METRIC_INFO[metric].originalRange.max) / 2),
  };
  const fill = (text: string): string =>
    text.replace(PLACEHOLDER, (whole, name: string) => {
      const value = values[name];
      if (value === undefined) {
        throw new Error(`${PRODUCER_TEMPLATE} has an unknown placeholder ${whole}`);
      }
      return value;
    });
  return {
    ...template,
    cells: template.cells.map((cell, index) => ({
      ...cell,
      id: `${notebook}-${String(index).padStart(2, "0")}`,
      source: toMultiline(fill(sourceText(cell.source)), cell.source),
    })),
  };
}

/** Each producer notebook's file name and text, as `npm run notebooks:generate` writes them. */
export async function generateProducerNotebooks(notebooksDir: string): Promise<Map<string, string>> {
  const template = await readNotebook(join(notebooksDir, PRODUCER_TEMPLATE));
  return new Map(
    PRODUCER_NOTEBOOKS.map(({ notebook, metric }) => [
      `${notebook}.ipynb`,
      `${JSON.stringify(producerNotebook(template, notebook, metric), null, 1)}\n`,
    ]),
  );
}
