import type { Section } from "./page/dashboardWire";

/** AWS's error names for "there is no such resource", per service: the section says "not created yet". */
const NOT_FOUND = new Set(["ResourceNotFoundException", "NoSuchBucket", "EntityNotFoundException"]);

/** Builds one part of the state; a resource that does not exist yet is `missing`, any other failure `error`. */
export async function stateSection<T extends object>(missingMessage: string, build: () => Promise<T>): Promise<Section<T>> {
  try {
    return { status: "ok", ...(await build()) };
  } catch (error) {
    const name = error instanceof Error ? error.name : "";
    if (NOT_FOUND.has(name)) {
      return { status: "missing", message: missingMessage };
    }
    return { status: "error", message: `${name || "error"}: ${error instanceof Error ? error.message : String(error)}` };
  }
}
