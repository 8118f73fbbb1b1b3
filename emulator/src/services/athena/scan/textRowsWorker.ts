import { parentPort, workerData } from "node:worker_threads";
import { QueryError } from "../errors/athenaErrors";
import { writeTextRows, type TextRowsRequest, type WorkerAnswer } from "./textRows";

/** The JavaScript reader on a worker thread (see readTextRows): reads, writes the work file, answers rows or failure. */
async function answer(): Promise<WorkerAnswer> {
  try {
    return { written: await writeTextRows(workerData as TextRowsRequest) };
  } catch (error) {
    if (error instanceof QueryError) return { error: { errorName: error.errorName, message: error.message, category: error.category } };
    return { error: { message: error instanceof Error ? error.message : String(error) } };
  }
}

void answer().then((result) => parentPort?.postMessage(result));
