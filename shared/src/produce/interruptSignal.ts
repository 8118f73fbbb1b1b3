export interface InterruptSignal {
  /** Aborts at the first Kernel > Interrupt (the process's SIGINT) after the cell's synchronous start. */
  readonly signal: AbortSignal;
  /** Stops listening; call it when the work is done (in a `finally`). */
  dispose(): void;
}

/*
 * Under Jupyter, Kernel > Interrupt sends the kernel SIGINT (the kernelspec's default interrupt_mode, "signal":
 * jupyter_client's KernelManager.interrupt_kernel), and tslab's listener (tslab/dist/main.js, startKernel) abandons
 * the running cell at once: the cell's reply goes out before anything it would print last, and what it started
 * runs on in the background. While a signal from abortOnInterrupt() is held, our listener stands in for tslab's,
 * so Interrupt aborts the signal and the cell ends its own way, totals printed. It stands back at that first
 * Interrupt, so a second one abandons a cell that does not stop.
 *
 * The listeners are only ever changed from a later turn of the event loop, never while cell code runs: tslab runs
 * a cell's synchronous part with vm's breakOnSigint, for which Node removes every SIGINT listener, watches SIGINT
 * itself, then sets SIGINT's handler back to "exit the process" and re-adds the listeners (lib/vm.js,
 * sigintHandlersWrap; src/node_watchdog.cc, SigintWatchdogHelper::Stop). A listener added in between starts
 * Node's SIGINT handling then, which that reset undoes without Node knowing: the next SIGINT kills the kernel
 * ("The kernel appears to have died").
 */

const holders = new Set<AbortController>();
/** The SIGINT listeners we stand in for (tslab's), while we do. */
let displaced: NodeJS.SignalsListener[] | undefined;
let settling = false;

function onInterrupt(): void {
  const interrupted = [...holders];
  holders.clear();
  standBack();
  for (const controller of interrupted) {
    controller.abort(new Error("interrupted"));
  }
}

function standIn(): void {
  if (displaced !== undefined) {
    return;
  }
  displaced = process.rawListeners("SIGINT").filter((listener) => listener !== onInterrupt) as NodeJS.SignalsListener[];
  // Ours first: with no listener at all, even for an instant, SIGINT would end the process.
  process.on("SIGINT", onInterrupt);
  for (const listener of displaced) {
    process.off("SIGINT", listener);
  }
}

function standBack(): void {
  if (displaced === undefined) {
    return;
  }
  for (const listener of displaced) {
    process.on("SIGINT", listener);
  }
  process.off("SIGINT", onInterrupt);
  displaced = undefined;
}

function settleAfterThisTurn(): void {
  if (!settling) {
    settling = true;
    setImmediate(() => {
      settling = false;
      if (holders.size > 0) {
        standIn();
      } else {
        standBack();
      }
    });
  }
}

/**
 * An AbortSignal for Kernel > Interrupt: hand it to the loop the cell runs (or check `signal.aborted` in it), and
 * Interrupt stops the loop while the cell still ends normally, printing what comes after the loop.
 */
export function abortOnInterrupt(): InterruptSignal {
  const controller = new AbortController();
  holders.add(controller);
  settleAfterThisTurn();
  return {
    signal: controller.signal,
    dispose: () => {
      if (holders.delete(controller)) {
        settleAfterThisTurn();
      }
    },
  };
}
