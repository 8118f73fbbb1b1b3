import { join } from "node:path";
import type { RejectedLogEventsInfo } from "@aws-sdk/client-cloudwatch-logs";
import { PersistedJson } from "../glue/persistedJson";
import { invalidParameter, logGroupAlreadyExists, logGroupNotFound, logStreamAlreadyExists, logStreamNotFound } from "./logsErrors";

export interface StoredLogEvent {
  readonly timestamp: number;
  readonly message: string;
  readonly ingestionTime: number;
}

export interface StoredLogStream {
  readonly name: string;
  readonly creationTime: number;
  /** Kept in timestamp order (stable for equal timestamps), as GetLogEvents reads them. */
  events: StoredLogEvent[];
  lastIngestionTime?: number;
}

export interface StoredLogGroup {
  readonly name: string;
  readonly creationTime: number;
  readonly tags: Readonly<Record<string, string>>;
  /** Set by PutRetentionPolicy; absent: events never expire. */
  retentionInDays?: number;
  /** In name order, as DescribeLogStreams lists them by default. */
  streams: StoredLogStream[];
}

interface LogsState {
  /** In name order, as DescribeLogGroups lists them. */
  groups: StoredLogGroup[];
}

export interface EventToPut {
  readonly timestamp: number;
  readonly message: string;
}

const STATE_FILE = "logs.json";

// PutLogEvents' limits (API reference, PutLogEvents): 1,048,576 bytes a batch counting 26 bytes per event, events
// at most 14 days old or 2 hours ahead, a batch spanning at most 24 hours, in chronological order.
export const MAX_BATCH_BYTES = 1_048_576;
export const EVENT_OVERHEAD_BYTES = 26;
const DAY_MS = 24 * 60 * 60 * 1000;
const MAX_AGE_MS = 14 * DAY_MS;
const MAX_AHEAD_MS = 2 * 60 * 60 * 1000;

/** Inserts keeping timestamp order; equal timestamps stay in arrival order. */
function insertByTimestamp(events: StoredLogEvent[], event: StoredLogEvent): void {
  let index = events.length;
  while (index > 0 && events[index - 1]!.timestamp > event.timestamp) {
    index -= 1;
  }
  events.splice(index, 0, event);
}

/** CloudWatch Logs' log groups, streams and events, saved as one JSON file under the service's folder. */
export class LogGroupStore {
  private constructor(
    private readonly persisted: PersistedJson<LogsState>,
    private readonly now: () => number,
  ) {}

  static async open(directory: string, now: () => number): Promise<LogGroupStore> {
    return new LogGroupStore(await PersistedJson.open<LogsState>(join(directory, STATE_FILE), () => ({ groups: [] })), now);
  }

  groups(): readonly StoredLogGroup[] {
    return this.persisted.value.groups;
  }

  group(name: string): StoredLogGroup {
    const group = this.persisted.value.groups.find((candidate) => candidate.name === name);
    if (group === undefined) {
      throw logGroupNotFound();
    }
    return group;
  }

  stream(groupName: string, streamName: string): StoredLogStream {
    const stream = this.group(groupName).streams.find((candidate) => candidate.name === streamName);
    if (stream === undefined) {
      throw logStreamNotFound();
    }
    return stream;
  }

  createGroup(name: string, tags: Readonly<Record<string, string>>): void {
    const groups = this.persisted.value.groups;
    if (groups.some((group) => group.name === name)) {
      throw logGroupAlreadyExists();
    }
    groups.push({ name, creationTime: this.now(), tags, streams: [] });
    groups.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    this.persisted.save();
  }

  deleteGroup(name: string): void {
    const groups = this.persisted.value.groups;
    const index = groups.findIndex((group) => group.name === name);
    if (index < 0) {
      throw logGroupNotFound();
    }
    groups.splice(index, 1);
    this.persisted.save();
  }

  setRetention(groupName: string, days: number): void {
    this.group(groupName).retentionInDays = days;
    this.persisted.save();
  }

  deleteStream(groupName: string, streamName: string): void {
    const group = this.group(groupName);
    const index = group.streams.findIndex((stream) => stream.name === streamName);
    if (index < 0) {
      throw logStreamNotFound();
    }
    group.streams.splice(index, 1);
    this.persisted.save();
  }

  createStream(groupName: string, streamName: string): void {
    const group = this.group(groupName);
    if (group.streams.some((stream) => stream.name === streamName)) {
      throw logStreamAlreadyExists();
    }
    group.streams.push({ name: streamName, creationTime: this.now(), events: [] });
    group.streams.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    this.persisted.save();
  }

  /**
   * Stores a PutLogEvents batch: refuses what AWS refuses as a whole (order, span, size) and leaves out, as
   * AWS does, events too old or too far ahead, saying which in RejectedLogEventsInfo.
   */
  putEvents(groupName: string, streamName: string, events: readonly EventToPut[]): RejectedLogEventsInfo | undefined {
    const stream = this.stream(groupName, streamName);
    const batchBytes = events.reduce((sum, event) => sum + Buffer.byteLength(event.message, "utf8") + EVENT_OVERHEAD_BYTES, 0);
    if (batchBytes > MAX_BATCH_BYTES) {
      throw invalidParameter(`Upload too large: ${batchBytes} bytes exceeds limit of ${MAX_BATCH_BYTES}`);
    }
    for (let index = 1; index < events.length; index += 1) {
      if (events[index]!.timestamp < events[index - 1]!.timestamp) {
        throw invalidParameter("Log events in a single PutLogEvents request must be in chronological order.");
      }
    }
    if (events.length > 0 && events[events.length - 1]!.timestamp - events[0]!.timestamp > DAY_MS) {
      throw invalidParameter("The batch of log events in a single PutLogEvents request cannot span more than 24 hours.");
    }
    const now = this.now();
    let tooOldEnd: number | undefined;
    let tooNewStart: number | undefined;
    events.forEach((event, index) => {
      if (event.timestamp < now - MAX_AGE_MS) {
        tooOldEnd = index + 1;
      } else if (event.timestamp > now + MAX_AHEAD_MS) {
        tooNewStart ??= index;
      } else {
        insertByTimestamp(stream.events, { timestamp: event.timestamp, message: event.message, ingestionTime: now });
      }
    });
    stream.lastIngestionTime = now;
    this.persisted.save();
    if (tooOldEnd === undefined && tooNewStart === undefined) {
      return undefined;
    }
    return { ...(tooOldEnd === undefined ? {} : { tooOldLogEventEndIndex: tooOldEnd }), ...(tooNewStart === undefined ? {} : { tooNewLogEventStartIndex: tooNewStart }) };
  }
}
