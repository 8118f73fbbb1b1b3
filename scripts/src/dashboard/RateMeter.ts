/** Events per second over a sliding window (records read per second). */
export class RateMeter {
  private readonly samples: { readonly atMs: number; readonly count: number }[] = [];

  constructor(private readonly windowMs = 5000) {}

  add(count: number, atMs: number): void {
    this.samples.push({ atMs, count });
    this.forget(atMs);
  }

  perSecond(atMs: number): number {
    this.forget(atMs);
    return this.samples.reduce((sum, sample) => sum + sample.count, 0) / (this.windowMs / 1000);
  }

  private forget(atMs: number): void {
    while (this.samples.length > 0 && this.samples[0]!.atMs <= atMs - this.windowMs) {
      this.samples.shift();
    }
  }
}
