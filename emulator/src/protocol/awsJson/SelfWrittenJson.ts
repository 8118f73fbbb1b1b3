/**
 * An answer that writes its own JSON text: byte for byte what jsonResponse.ts would write of `toOutput()`, without
 * building that value first. For answers whose generic walk costs more than the work behind them (GetRecords: up to
 * 10,000 records, each an object, a Date and a base64 string before it is text). `toOutput()` is the same answer in
 * the SDK's decoded shape, for tests and any other format.
 */
export abstract class SelfWrittenJson<Output> {
  abstract toOutput(): Output;
  abstract writeJson(): Buffer;
}
