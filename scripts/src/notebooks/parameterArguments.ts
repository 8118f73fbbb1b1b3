import type { ParameterValue } from "./injectParameters";

/** `30` is a number, `true` a boolean, `"30"` a string, anything that is not JSON (`local`) the string itself. */
export function parseParameterValue(text: string): ParameterValue {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return text;
  }
  if (value === null || ["string", "number", "boolean"].includes(typeof value)) {
    return value as ParameterValue;
  }
  throw new Error(`'${text}': a parameter is a string, number, boolean or null`);
}

export function parseAssignment(text: string): [string, ParameterValue] {
  const match = /^([A-Za-z_$][\w$]*)=([\s\S]*)$/.exec(text);
  if (match === null) {
    throw new Error(`'${text}' is not NAME=value`);
  }
  return [match[1]!, parseParameterValue(match[2]!)];
}
