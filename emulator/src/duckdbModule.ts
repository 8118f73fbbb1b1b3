/**
 * @duckdb/node-api, loaded on first use. Loading it maps a 70 MB native library (105-140 ms here): the emulator
 * would pay that before it listens, for every user who never runs a query. Types are imported statically; values
 * come through this.
 */
export function duckdb(): typeof import("@duckdb/node-api") {
  return require("@duckdb/node-api") as typeof import("@duckdb/node-api");
}
