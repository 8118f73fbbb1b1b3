import { readFile } from "node:fs/promises";
import { Command } from "commander";
import { injectParameters, parameterNames, type ParameterOverrides, type ParameterValue } from "./injectParameters";
import { parseAssignment, parseParameterValue } from "./parameterArguments";
import { readNotebook, writeNotebook } from "./notebookJson";

/**
 * node scripts/dist/notebooks/injectCli.js <input.ipynb> <output.ipynb> [NAME=value ...] [--params file.json] [--if-declared NAME=value ...]
 * Writes a copy of the notebook with its parameters cell's values replaced; run-notebooks.sh uses it.
 */

async function readParamsFile(path: string): Promise<Record<string, ParameterValue>> {
  const value = JSON.parse(await readFile(path, "utf8")) as unknown;
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new Error(`${path}: expected a JSON object of NAME: value`);
  }
  return Object.fromEntries(Object.entries(value).map(([name, item]) => [name, parseParameterValue(JSON.stringify(item))]));
}

interface Flags {
  params?: string;
  ifDeclared: string[];
}

async function run(input: string, output: string, assignments: string[], flags: Flags): Promise<void> {
  const notebook = await readNotebook(input);
  const declared = new Set(parameterNames(notebook));
  const optional = flags.ifDeclared.map(parseAssignment).filter(([name]) => declared.has(name));
  const overrides: ParameterOverrides = {
    ...Object.fromEntries(optional),
    ...(flags.params === undefined ? {} : await readParamsFile(flags.params)),
    ...Object.fromEntries(assignments.map(parseAssignment)),
  };
  let injected;
  try {
    injected = injectParameters(notebook, overrides);
  } catch (error) {
    throw new Error(`${input}: ${(error as Error).message}`);
  }
  await writeNotebook(output, injected);
  const summary = Object.entries(overrides).map(([name, value]) => `${name}=${JSON.stringify(value)}`);
  process.stdout.write(`${output}${summary.length === 0 ? "" : `: ${summary.join(", ")}`}\n`);
}

if (require.main === module) {
  new Command("inject-parameters")
    .description("copies a notebook, setting the values its cell tagged 'parameters' declares")
    .argument("<input>", "the notebook")
    .argument("<output>", "where the copy goes")
    .argument("[assignments...]", "NAME=value: the parameters cell must declare NAME; value is JSON, or else a string")
    .option("--params <file>", "a JSON object of NAME: value, as strict as NAME=value")
    .option("--if-declared <assignment>", "NAME=value, set only where the notebook declares NAME (repeatable)", (text: string, all: string[]) => [...all, text], [])
    .action(run)
    .parseAsync(process.argv)
    .catch((error: unknown) => {
      process.stderr.write(`inject-parameters: ${(error as Error).message ?? String(error)}\n`);
      process.exitCode = 1;
    });
}
