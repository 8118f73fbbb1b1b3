import type { Section } from "./page/dashboardWire";
import { isSignatureRefusal } from "./signatureRefusal";

/** AWS's error names for "there is no such resource", per service: the section says "not created yet". */
const NOT_FOUND = new Set(["ResourceNotFoundException", "NoSuchBucket", "EntityNotFoundException"]);

/** Builds one part of the state; a resource that does not exist yet is `missing`, a key not accepted `refused`, any other failure `error`. */
export async function stateSection<T extends object>(missingMessage: string, build: () => Promise<T>): Promise<Section<T>> {
  try {
    return { status: "ok", ...(await build()) };
  } catch (error) {
    const name = error instanceof Error ? error.name : "";
    if (NOT_FOUND.has(name)) {
      return { status: "missing", message: missingMessage };
    }
    const message = `${name || "error"}: ${error instanceof Error ? error.message : String(error)}`;
    if (isSignatureRefusal(error)) {
      // The emulator appends the canonical request it expected, for whoever debugs a signer: not for this page.
      return { status: "refused", message: message.split("\n")[0]! };
    }
    return { status: "error", message };
  }
}
