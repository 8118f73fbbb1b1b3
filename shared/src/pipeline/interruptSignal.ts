export interface InterruptSignal {
  /** Aborts when the process gets SIGINT: in Jupyter, Kernel > Interrupt. */
  readonly signal: AbortSignal;
  /** Stops listening; call it when the work is done. */
  dispose(): void;
}

/**
 * An AbortSignal for Kernel > Interrupt. tslab answers SIGINT by rejecting the running cell, but a loop the
 * cell started would go on putting records in the background: hand this signal to it so it stops too.
 */
export function abortOnInterrupt(): InterruptSignal {
  const controller = new AbortController();
  const onInterrupt = (): void => {
    controller.abort(new Error("interrupted"));
    process.off("SIGINT", onInterrupt);
  };
  process.on("SIGINT", onInterrupt);
  return { signal: controller.signal, dispose: () => process.off("SIGINT", onInterrupt) };
}
