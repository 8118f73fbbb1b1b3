import { parentPort } from "node:worker_threads";
import { encodeOutcome } from "./parseOutcome";
import { parseAthenaStatement } from "./parseStatement";
import { isStackOverflow, statementTooLarge } from "./statementTooLarge";

/** The parse worker's body: one statement text in, one ParseOutcome out, in order. */
parentPort?.on("message", ({ id, text }: { id: number; text: string }) => {
  const outcome = encodeOutcome(() => parseAthenaStatement(text));
  try {
    parentPort!.postMessage({ id, outcome });
  } catch (error) {
    // Structured clone recurses too: a tree the parser could build may still be too deep to copy.
    if (!isStackOverflow(error)) throw error;
    const tooLarge = statementTooLarge();
    parentPort!.postMessage({ id, outcome: { syntaxError: { detail: tooLarge.detail, position: tooLarge.position } } });
  }
});
