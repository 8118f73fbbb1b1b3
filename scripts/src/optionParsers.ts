import { InvalidArgumentError } from "commander";

export function parseNonNegativeNumber(text: string): number {
  const value = Number(text);
  if (text.trim() === "" || !Number.isFinite(value) || value < 0) {
    throw new InvalidArgumentError(`expected a number >= 0, got '${text}'`);
  }
  return value;
}

export function parsePositiveNumber(text: string): number {
  const value = parseNonNegativeNumber(text);
  if (value === 0) {
    throw new InvalidArgumentError(`expected a number > 0, got '${text}'`);
  }
  return value;
}

export function parsePositiveInteger(text: string): number {
  const value = parsePositiveNumber(text);
  if (!Number.isInteger(value)) {
    throw new InvalidArgumentError(`expected a whole number > 0, got '${text}'`);
  }
  return value;
}

export function parseInteger(text: string): number {
  const value = Number(text);
  if (text.trim() === "" || !Number.isSafeInteger(value)) {
    throw new InvalidArgumentError(`expected a whole number, got '${text}'`);
  }
  return value;
}

/** PutRecords takes at most 500 records per request. */
export function parseBatchSize(text: string): number {
  const value = parsePositiveInteger(text);
  if (value > 500) {
    throw new InvalidArgumentError(`a PutRecords batch holds at most 500 records, got ${value}`);
  }
  return value;
}

/** A TCP port; 0 lets the system pick a free one. */
export function parsePort(text: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text.trim()) || port > 65535) {
    throw new InvalidArgumentError(`expected a port from 0 (any free port) to 65535, got '${text}'`);
  }
  return port;
}

/** The --endpoint flag's help, the same rule wherever a command takes one (emulator/src/control/emulatorRecord.ts, shared/src/clients/emulatorRecord.ts). */
export const LOCAL_ENDPOINT_HELP =
  "the local emulator's URL, used as given (default: $GPU_STREAM_ENDPOINT, else this checkout's emulator as " +
  "recorded in $GPU_STREAM_EMULATOR_DATA_DIR or data/emulator by 00_setup or npm run emulator; never whatever " +
  "else answers on 4566)";
