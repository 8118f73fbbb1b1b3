import { readFile } from "node:fs/promises";
import { join } from "node:path";

/** The page's compiled modules (src/dashboard/page, built by `tsc -b` into dist/dashboard/page). */
const PAGE_DIR = join(__dirname, "page");
const ASSET_NAME = /^[A-Za-z][A-Za-z0-9]*\.js(\.map)?$/;

export interface Asset {
  readonly body: Buffer;
  readonly contentType: string;
}

/** A compiled module of the page by its file name, or undefined for any other name. */
export async function pageAsset(name: string): Promise<Asset | undefined> {
  if (!ASSET_NAME.test(name) || name.endsWith(".d.js")) {
    return undefined;
  }
  try {
    const body = await readFile(join(PAGE_DIR, name));
    return { body, contentType: name.endsWith(".map") ? "application/json" : "text/javascript; charset=utf-8" };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") {
      return undefined;
    }
    throw error;
  }
}
