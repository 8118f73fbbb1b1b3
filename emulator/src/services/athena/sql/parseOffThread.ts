import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { decodeOutcome, type ParseOutcome } from "./parseOutcome";
import type { AthenaStatement } from "./parseStatement";
import { statementTooLarge } from "./statementTooLarge";

/**
 * A parse that runs longer is abandoned (its worker ended) and refused as too large. checkNesting keeps every
 * shape measured under three seconds on an idle machine; this bounds what it does not foresee. It is wall-clock
 * time, so it is generous: on a loaded machine (a 2-core box at load 17) a legal 240-deep statement took over
 * 10 s and was refused, which no user of a real Athena would see.
 */
export const PARSE_TIME_LIMIT_MS = 30_000;

interface Pending {
  readonly text: string;
  readonly resolve: (statement: AthenaStatement) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * parseAthenaStatement on a worker thread, so that a statement that takes the parser seconds never stops the
 * emulator answering (StartQueryExecution used to parse on the event loop). One worker per process, started on
 * first use and unref'd; statements wait their turn, and the time limit counts from a statement's own turn.
 */
class ParseWorker {
  private worker: Worker | undefined;
  private readonly queue: Pending[] = [];
  private current: { readonly id: number; readonly pending: Pending; readonly timer: NodeJS.Timeout } | undefined;
  private nextId = 0;

  parse(text: string): Promise<AthenaStatement> {
    return new Promise((resolve, reject) => {
      this.queue.push({ text, resolve, reject });
      this.pump();
    });
  }

  private start(): Worker {
    const worker = new Worker(join(__dirname, "parseWorker.js"));
    worker.on("message", ({ id, outcome }: { id: number; outcome: ParseOutcome }) => {
      if (this.current?.id !== id) return;
      const { pending, timer } = this.current;
      clearTimeout(timer);
      this.current = undefined;
      try {
        pending.resolve(decodeOutcome(outcome));
      } catch (error) {
        pending.reject(error);
      }
      this.pump();
    });
    worker.on("messageerror", () => this.abandon(worker, statementTooLarge()));
    worker.on("error", (error) => this.abandon(worker, error));
    worker.on("exit", (code) => this.abandon(worker, new Error(`parse worker exited with code ${code}`)));
    // After the listeners: adding a "message" listener refs the worker's port again.
    worker.unref();
    return worker;
  }

  /** The worker is gone (or must go): the statement in hand fails with `error`, the rest go to a new worker. */
  private abandon(worker: Worker, error: unknown): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    void worker.terminate();
    const current = this.current;
    this.current = undefined;
    if (current !== undefined) {
      clearTimeout(current.timer);
      current.pending.reject(error);
    }
    this.pump();
  }

  private pump(): void {
    if (this.current !== undefined) return;
    const pending = this.queue.shift();
    if (pending === undefined) return;
    const worker = (this.worker ??= this.start());
    const id = this.nextId++;
    const timer = setTimeout(() => this.abandon(worker, statementTooLarge()), PARSE_TIME_LIMIT_MS);
    this.current = { id, pending, timer };
    worker.postMessage({ id, text: pending.text });
  }
}

let shared: ParseWorker | undefined;

/** Parses one statement as Athena does, off the event loop; throws what parseAthenaStatement throws. */
export function parseAthenaStatementOffThread(text: string): Promise<AthenaStatement> {
  shared ??= new ParseWorker();
  return shared.parse(text);
}
