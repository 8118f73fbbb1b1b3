import { stat } from "node:fs/promises";
import { join } from "node:path";
import { DENORMALIZED_CSV_FILE } from "@gpu-stream/shared";
import type { LocalFile } from "./page/dashboardWire";

/** The files a run leaves in its output folder that the dashboard serves (`GET /files/<name>`), and nothing else. */
export const LOCAL_FILES: readonly { readonly name: string; readonly description: string; readonly contentType: string }[] = [
  { name: "report.html", description: "npm start's report: the charts of the CSV", contentType: "text/html; charset=utf-8" },
  { name: DENORMALIZED_CSV_FILE, description: "the denormalized table dados_tratados, downloaded from Athena", contentType: "text/csv; charset=utf-8" },
];

/** Those of LOCAL_FILES that exist in `directory`. */
export async function localFiles(directory: string | undefined): Promise<LocalFile[]> {
  if (directory === undefined) {
    return [];
  }
  const found = await Promise.all(
    LOCAL_FILES.map(async (file): Promise<LocalFile | undefined> => {
      try {
        const info = await stat(join(directory, file.name));
        return info.isFile() ? { name: file.name, description: file.description, href: `/files/${file.name}`, bytes: info.size, modified: info.mtime.toISOString() } : undefined;
      } catch {
        return undefined;
      }
    }),
  );
  return found.filter((file): file is LocalFile => file !== undefined);
}
