import { randomUUID } from "node:crypto";
import { join } from "node:path";
import type { CrawlerMetrics, Crawler, CrawlerTargets, CreateCrawlerRequest, LastCrawlInfo } from "@aws-sdk/client-glue";
import { AwsError } from "../../protocol/AwsError";
import type { RoleAuthority } from "../iam/RoleAuthority";
import type { S3Objects } from "../s3/S3Objects";
import type { CatalogStore } from "./CatalogStore";
import { glueAuthorizer, s3Authorizer } from "./crawler/crawlerAccess";
import { crawlerGrouping } from "./crawler/crawlerGrouping";
import { CRAWLER_LOG_GROUP, crawlerLog, type CrawlLog, type CrawlLogSink } from "./crawler/crawlerLog";
import { assumeCrawlerRole, ROLE_NOT_ASSUMABLE } from "./crawler/crawlerRole";
import type { CrawlOutcome } from "./crawler/crawlS3Target";
import { roleBoundCatalog } from "./crawler/roleBoundCatalog";
import { roleBoundS3 } from "./crawler/roleBoundS3";
import { crawlerAlreadyExists, crawlerNotFound, crawlerNotRunning, crawlerRunning, crawlerStopping, invalidInput } from "./glueErrors";
import { getByName, setByName } from "./byName";
import { PersistedJson } from "./persistedJson";

/**
 * How long a crawl stays RUNNING at least, and STOPPING after it: long enough that a GetCrawler right after
 * StartCrawler sees RUNNING (as on AWS, where a crawl takes a minute), short enough for tests and notebooks.
 */
export const MIN_RUNNING_MS = 250;
export const STOPPING_MS = 20;
/** After a StopCrawler, STOPPING lasts at least this long, so the caller can see it. */
export const STOPPED_STOPPING_MS = 250;

type CrawlModules = typeof import("./crawler/crawlS3Target") & typeof import("./crawler/parquetColumns");

/** The crawl itself (classifiers, readers, table planning), loaded by the first crawl: 10-15 ms of every start otherwise. */
function crawlModules(): CrawlModules {
  return { ...(require("./crawler/crawlS3Target") as typeof import("./crawler/crawlS3Target")), ...(require("./crawler/parquetColumns") as typeof import("./crawler/parquetColumns")) };
}

interface StoredCrawler {
  crawler: Crawler;
  /** Every finished run's length in seconds, for the median. */
  runtimes: number[];
  lastOutcome?: CrawlOutcome;
}

interface CrawlerState {
  crawlers: Record<string, StoredCrawler>;
}

interface ActiveRun {
  startMs: number;
  cancelled: boolean;
  /** When StopCrawler came, if it did. */
  stoppedMs?: number;
  done: Promise<void>;
}

const STATE_FILE = "crawlers.json";

function median(values: readonly number[]): number {
  if (values.length === 0) {
    return 0;
  }
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export interface CrawlerDependencies {
  readonly catalog: CatalogStore;
  readonly s3: S3Objects;
  /** The roles crawlers act as; without it, crawlers act unrestricted. */
  readonly roles?: RoleAuthority;
  /** CloudWatch Logs, where crawls write their log; without it, crawls log nothing. */
  readonly logs?: CrawlLogSink;
  readonly region: string;
  readonly accountId: string;
  readonly now: () => number;
  readonly log: (message: string) => void;
}

/**
 * Glue crawlers: definitions and their last crawl saved as JSON; runs move READY -> RUNNING -> STOPPING -> READY.
 * A crawl acts as the crawler's role ("The crawler assumes the permissions of the ... role that you specify",
 * https://docs.aws.amazon.com/glue/latest/dg/crawler-prereqs.html) and logs to CloudWatch Logs as that role.
 */
export class CrawlerStore {
  private readonly active = new Map<string, ActiveRun>();

  private constructor(
    private readonly persisted: PersistedJson<CrawlerState>,
    private readonly dependencies: CrawlerDependencies,
  ) {}

  static async open(directory: string, dependencies: CrawlerDependencies): Promise<CrawlerStore> {
    const persisted = await PersistedJson.open<CrawlerState>(join(directory, STATE_FILE), () => ({ crawlers: {} }));
    const state = persisted.value;
    const store = new CrawlerStore(persisted, dependencies);
    // A crawl the emulator was stopped in the middle of did not finish.
    for (const stored of Object.values(state.crawlers)) {
      if (stored.crawler.State !== "READY") {
        stored.crawler.State = "READY";
        stored.crawler.LastCrawl = { ...stored.crawler.LastCrawl, Status: "FAILED", ErrorMessage: "The emulator stopped during the crawl." };
      }
    }
    store.save();
    return store;
  }

  /** Changed in place by each operation, then saved; a failed save puts it back. */
  private get state(): CrawlerState {
    return this.persisted.value;
  }

  private save(): void {
    this.persisted.save();
  }

  private stored(name: string): StoredCrawler {
    const stored = getByName(this.state.crawlers, name);
    if (stored === undefined) {
      throw crawlerNotFound(name);
    }
    return stored;
  }

  private view(stored: StoredCrawler): Crawler {
    const crawler = structuredClone(stored.crawler);
    const run = this.active.get(crawler.Name!);
    crawler.CrawlElapsedTime = run === undefined ? 0 : this.dependencies.now() - run.startMs;
    return crawler;
  }

  /** `input` with the members CreateCrawler's schema requires. */
  create(input: CreateCrawlerRequest & { readonly Name: string; readonly Role: string; readonly Targets: CrawlerTargets }): void {
    const name = input.Name;
    if (getByName(this.state.crawlers, name) !== undefined) {
      throw crawlerAlreadyExists(name);
    }
    const s3Targets = input.Targets.S3Targets ?? [];
    if (s3Targets.length === 0) {
      throw invalidInput("One or more S3 targets must be specified (the emulator crawls S3 targets only).");
    }
    // Crawling new folders only, the catalog comes out as crawling everything would under LOG/LOG: no
    // column or table changes, new partitions added. Glue requires that policy, so the emulator may crawl everything.
    if (
      input.RecrawlPolicy?.RecrawlBehavior === "CRAWL_NEW_FOLDERS_ONLY" &&
      (input.SchemaChangePolicy?.UpdateBehavior !== "LOG" || input.SchemaChangePolicy?.DeleteBehavior !== "LOG")
    ) {
      throw invalidInput("The SchemaChangePolicy for \"Crawl new folders only\" Amazon S3 target can have only LOG DeleteBehavior value and LOG UpdateBehavior value.");
    }
    if (input.Configuration !== undefined) {
      try {
        JSON.parse(input.Configuration);
      } catch {
        throw invalidInput("Crawler configuration not valid: the Configuration is not valid JSON.");
      }
    }
    // Glue assumes the role at CreateCrawler already, and refuses one it cannot assume with the message a crawl
    // fails with later (https://github.com/hashicorp/terraform-provider-aws/issues/30371).
    if ("refused" in assumeCrawlerRole(this.dependencies.roles, input.Role, this.dependencies.accountId)) {
      throw invalidInput(ROLE_NOT_ASSUMABLE);
    }
    const now = new Date(this.dependencies.now());
    setByName(this.state.crawlers, name, {
      crawler: {
        Name: name,
        Role: input.Role,
        Targets: { S3Targets: s3Targets, JdbcTargets: [], MongoDBTargets: [], DynamoDBTargets: [], CatalogTargets: [], DeltaTargets: [] },
        ...(input.DatabaseName === undefined ? {} : { DatabaseName: input.DatabaseName }),
        ...(input.Description === undefined ? {} : { Description: input.Description }),
        Classifiers: input.Classifiers ?? [],
        RecrawlPolicy: { RecrawlBehavior: input.RecrawlPolicy?.RecrawlBehavior ?? "CRAWL_EVERYTHING" },
        SchemaChangePolicy: {
          UpdateBehavior: input.SchemaChangePolicy?.UpdateBehavior ?? "UPDATE_IN_DATABASE",
          DeleteBehavior: input.SchemaChangePolicy?.DeleteBehavior ?? "DEPRECATE_IN_DATABASE",
        },
        LineageConfiguration: { CrawlerLineageSettings: "DISABLE" },
        State: "READY",
        ...(input.TablePrefix === undefined ? {} : { TablePrefix: input.TablePrefix }),
        ...(input.Schedule === undefined ? {} : { Schedule: { ScheduleExpression: input.Schedule, State: "SCHEDULED" } }),
        CrawlElapsedTime: 0,
        CreationTime: now,
        LastUpdated: now,
        Version: 1,
        ...(input.Configuration === undefined ? {} : { Configuration: input.Configuration }),
        ...(input.CrawlerSecurityConfiguration === undefined ? {} : { CrawlerSecurityConfiguration: input.CrawlerSecurityConfiguration }),
        LakeFormationConfiguration: { UseLakeFormationCredentials: false, AccountId: "" },
      },
      runtimes: [],
    });
    this.save();
  }

  get(name: string): Crawler {
    return this.view(this.stored(name));
  }

  list(): Crawler[] {
    return Object.keys(this.state.crawlers)
      .sort()
      .map((name) => this.view(this.state.crawlers[name]!));
  }

  delete(name: string): void {
    const stored = this.stored(name);
    if (stored.crawler.State !== "READY") {
      throw new AwsError("CrawlerRunningException", `${name} is not READY and cannot be deleted.`);
    }
    delete this.state.crawlers[name];
    this.save();
  }

  metrics(names: readonly string[] | undefined): CrawlerMetrics[] {
    const wanted = names === undefined || names.length === 0 ? Object.keys(this.state.crawlers).sort() : names.filter((name) => getByName(this.state.crawlers, name) !== undefined);
    return wanted.map((name) => {
      const stored = this.state.crawlers[name]!;
      const run = this.active.get(name);
      return {
        CrawlerName: name,
        TimeLeftSeconds: 0,
        StillEstimating: run !== undefined && stored.crawler.State === "RUNNING",
        LastRuntimeSeconds: stored.runtimes[stored.runtimes.length - 1] ?? 0,
        MedianRuntimeSeconds: median(stored.runtimes),
        TablesCreated: stored.lastOutcome?.tablesCreated ?? 0,
        TablesUpdated: stored.lastOutcome?.tablesUpdated ?? 0,
        TablesDeleted: stored.lastOutcome?.tablesDeleted ?? 0,
      };
    });
  }

  start(name: string): void {
    const stored = this.stored(name);
    if (stored.crawler.State === "STOPPING") {
      throw crawlerStopping(name);
    }
    if (stored.crawler.State !== "READY") {
      throw crawlerRunning(name);
    }
    const startMs = this.dependencies.now();
    stored.crawler.State = "RUNNING";
    this.save();
    const run: ActiveRun = { startMs, cancelled: false, done: Promise.resolve() };
    this.active.set(name, run);
    run.done = this.run(stored.crawler, run).catch((error: unknown) => {
      this.dependencies.log(`glue crawler ${name}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      const current = getByName(this.state.crawlers, name);
      if (current !== undefined) {
        current.crawler.State = "READY";
      }
      this.active.delete(name);
    });
  }

  stop(name: string): void {
    const stored = this.stored(name);
    if (stored.crawler.State === "STOPPING") {
      throw crawlerStopping(name);
    }
    const run = this.active.get(name);
    if (stored.crawler.State !== "RUNNING" || run === undefined) {
      throw crawlerNotRunning(name);
    }
    run.cancelled = true;
    run.stoppedMs = this.dependencies.now();
    stored.crawler.State = "STOPPING";
    this.save();
  }

  /** The crawl's CloudWatch log as its role writes it; nothing when the role cannot be assumed. */
  private crawlLog(crawler: Crawler, assumed: ReturnType<typeof assumeCrawlerRole>, messagePrefix: string): CrawlLog {
    if (!("role" in assumed)) {
      return () => undefined;
    }
    const { region, accountId, now, logs } = this.dependencies;
    return crawlerLog(logs, assumed.role, { region, accountId, crawlerName: crawler.Name!, messagePrefix, now });
  }

  private async run(crawler: Crawler, run: ActiveRun): Promise<void> {
    const { crawlS3Target, ParquetSchemaReader } = crawlModules();
    const name = crawler.Name!;
    // Looked up again after each wait: a failed save elsewhere replaces the state's objects with those on disk.
    const current = (): StoredCrawler => this.stored(name);
    const outcome: CrawlOutcome = { tablesCreated: 0, tablesUpdated: 0, tablesDeleted: 0, partitionsAdded: 0 };
    let failure: string | undefined;
    const parquet = new ParquetSchemaReader();
    const messagePrefix = randomUUID();
    await new Promise((resolve) => setTimeout(resolve, MIN_RUNNING_MS));
    const assumed = assumeCrawlerRole(this.dependencies.roles, crawler.Role ?? "", this.dependencies.accountId);
    const crawlLog = this.crawlLog(crawler, assumed, messagePrefix);
    crawlLog("BENCHMARK", `Running Start Crawl for Crawler ${name}`);
    try {
      if (!("role" in assumed)) {
        throw new Error(assumed.refused);
      }
      const catalog = roleBoundCatalog(this.dependencies.catalog, glueAuthorizer(assumed.role), this.dependencies);
      const s3 = roleBoundS3(this.dependencies.s3, s3Authorizer(assumed.role));
      const databaseName = crawler.DatabaseName;
      if (databaseName === undefined) {
        throw new Error("Crawler has no DatabaseName: set one with UpdateCrawler or CreateCrawler.");
      }
      catalog.getDatabase(databaseName);
      for (const target of crawler.Targets?.S3Targets ?? []) {
        if (run.cancelled) {
          break;
        }
        const result = await crawlS3Target(
          target,
          {
            crawlerName: name,
            databaseName,
            tablePrefix: crawler.TablePrefix ?? "",
            updateBehavior: crawler.SchemaChangePolicy?.UpdateBehavior === "LOG" ? "LOG" : "UPDATE_IN_DATABASE",
            deleteBehavior: crawler.SchemaChangePolicy?.DeleteBehavior ?? "DEPRECATE_IN_DATABASE",
            grouping: crawlerGrouping(crawler.Configuration),
            cancelled: () => run.cancelled,
            log: this.dependencies.log,
            crawlLog,
          },
          { s3, catalog, parquet },
        );
        outcome.tablesCreated += result.tablesCreated;
        outcome.tablesUpdated += result.tablesUpdated;
        outcome.tablesDeleted += result.tablesDeleted;
        outcome.partitionsAdded += result.partitionsAdded;
      }
      crawlLog("BENCHMARK", "Finished writing to Catalog");
    } catch (error) {
      failure = error instanceof Error ? error.message : String(error);
      this.dependencies.log(`glue crawler ${name} failed: ${failure}`);
      crawlLog("ERROR", failure);
    } finally {
      await parquet.close().catch(() => undefined);
    }
    const lastCrawl: LastCrawlInfo = {
      Status: run.cancelled ? "CANCELLED" : failure === undefined ? "SUCCEEDED" : "FAILED",
      ...(failure === undefined ? {} : { ErrorMessage: failure }),
      LogGroup: CRAWLER_LOG_GROUP,
      LogStream: name,
      MessagePrefix: messagePrefix,
      StartTime: new Date(run.startMs),
    };
    const finished = current();
    finished.crawler.LastCrawl = lastCrawl;
    finished.crawler.State = "STOPPING";
    finished.runtimes.push((this.dependencies.now() - run.startMs) / 1000);
    finished.lastOutcome = outcome;
    this.save();
    const stopping = run.stoppedMs === undefined ? STOPPING_MS : Math.max(STOPPING_MS, run.stoppedMs + STOPPED_STOPPING_MS - this.dependencies.now());
    await new Promise<void>((resolve) => {
      setTimeout(resolve, stopping);
    });
    current().crawler.State = "READY";
    this.active.delete(name);
    this.save();
    crawlLog("BENCHMARK", "Crawler has finished running and is in state READY");
  }

  /** Lets running crawls finish (they are short) so nothing is left half-written. */
  async close(): Promise<void> {
    await Promise.all([...this.active.values()].map((run) => run.done));
  }
}
