/** Thrown out of a step once Ctrl-C (or SIGTERM) stopped the run, so that the run goes straight to its teardown. */
export class ExerciseInterrupted extends Error {
  constructor(readonly signalName: string) {
    super(`stopped by ${signalName}`);
    this.name = "ExerciseInterrupted";
  }
}

type Say = (line: string) => void;

/**
 * Ctrl-C during a run: the first SIGINT or SIGTERM aborts `signal` (producing and waiting stop, the run's `finally`
 * tears down); a second one exits at once, saying what may be left and the command that removes it.
 */
export class ExerciseInterrupt {
  private readonly controller = new AbortController();
  private received: string | undefined;
  private describeLeftovers: () => string = () => "nothing was created yet";
  private listening: ((signal: NodeJS.Signals) => void) | undefined;

  readonly signal: AbortSignal = this.controller.signal;

  /** What the run may leave behind and how to remove it; said on the second Ctrl-C. */
  setLeftovers(describe: () => string): void {
    this.describeLeftovers = describe;
  }

  leftovers(): string {
    return this.describeLeftovers();
  }

  /** Resolves once the first signal came (at once if it already has). */
  stopped(): Promise<void> {
    if (this.signal.aborted) {
      return Promise.resolve();
    }
    return new Promise((resolve) => this.signal.addEventListener("abort", () => resolve(), { once: true }));
  }

  /** Throws ExerciseInterrupted once a signal came. */
  throwIfStopped(): void {
    if (this.received !== undefined) {
      throw new ExerciseInterrupted(this.received);
    }
  }

  /** Installs the SIGINT and SIGTERM listeners until `dispose`. `exit` ends the process on the second signal. */
  listen(say: Say, exit: (code: number) => void = (code) => process.exit(code)): void {
    this.listening = (signal) => {
      if (this.received === undefined) {
        this.received = signal;
        say(`\n${signal}: stopping the run and tearing down what it made (${signal === "SIGINT" ? "Ctrl-C again" : "a second signal"} stops at once)`);
        this.controller.abort(new ExerciseInterrupted(signal));
        return;
      }
      say(`\n${signal} again: stopping at once.\n${this.describeLeftovers()}`);
      exit(130);
    };
    process.on("SIGINT", this.listening);
    process.on("SIGTERM", this.listening);
  }

  dispose(): void {
    if (this.listening !== undefined) {
      process.off("SIGINT", this.listening);
      process.off("SIGTERM", this.listening);
      this.listening = undefined;
    }
  }
}
