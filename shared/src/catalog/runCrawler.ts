import { GetCrawlerCommand, StartCrawlerCommand, type GlueClient } from "@aws-sdk/client-glue";
import { pollUntil } from "../wait/pollUntil";

export interface RunCrawlerOptions {
  readonly timeoutMs?: number;
  /** Called after every poll with the crawler's state (RUNNING, STOPPING, READY) and the time since the start. */
  readonly onState?: (state: string, elapsedMs: number) => void;
}

/** Starts a crawler and waits until it is READY again; rejects when its last crawl did not succeed. */
export async function runCrawler(glue: GlueClient, name: string, options: RunCrawlerOptions = {}): Promise<void> {
  const timeoutMs = options.timeoutMs ?? 600_000;
  await glue.send(new StartCrawlerCommand({ Name: name }));
  const started = Date.now();
  let state: string | undefined;
  await pollUntil(
    async () => {
      const { Crawler: crawler } = await glue.send(new GetCrawlerCommand({ Name: name }));
      state = crawler?.State;
      options.onState?.(state ?? "UNKNOWN", Date.now() - started);
      if (state !== "READY") {
        return undefined;
      }
      if (crawler?.LastCrawl?.Status !== "SUCCEEDED") {
        throw new Error(`crawler ${name} ${crawler?.LastCrawl?.Status ?? "did not run"}: ${crawler?.LastCrawl?.ErrorMessage ?? ""}`);
      }
      return true;
    },
    {
      timeoutMs,
      intervalMs: 250,
      waitFirst: true,
      giveUp: { timeoutError: () => new Error(`crawler ${name} still ${state} after ${Math.round(timeoutMs / 1000)} s`) },
    },
  );
}
