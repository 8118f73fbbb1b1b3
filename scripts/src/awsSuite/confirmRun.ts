import { createInterface } from "node:readline/promises";

export type Confirmation = "confirmed" | "declined" | "not-a-terminal";

export interface ConfirmOptions {
  readonly yes: boolean;
  readonly input: NodeJS.ReadableStream & { readonly isTTY?: boolean };
  readonly output: NodeJS.WritableStream;
}

/** `--yes`, else a y/N question on a terminal; without a terminal there is nobody to ask, so the answer is no. */
export async function confirmRun(question: string, options: ConfirmOptions): Promise<Confirmation> {
  if (options.yes) {
    return "confirmed";
  }
  if (options.input.isTTY !== true) {
    return "not-a-terminal";
  }
  const readline = createInterface({ input: options.input, output: options.output });
  try {
    const answer = await readline.question(`${question} [y/N] `);
    return /^y(es)?$/i.test(answer.trim()) ? "confirmed" : "declined";
  } finally {
    readline.close();
  }
}
