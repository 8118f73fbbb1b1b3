export interface EnsureResult {
  /** False when it already existed (every ensure* is idempotent: "Run all" twice works). */
  readonly created: boolean;
}
