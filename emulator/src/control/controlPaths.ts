/** The emulator's own endpoints live under this path, which no bucket name can take (bucket names have no underscore). Not AWS. */
export const CONTROL_PATH_PREFIX = "/_emulator/";

/** Each control route's path under CONTROL_PATH_PREFIX (docs/emulator.md). */
export const CONTROL_ROUTES = {
  /** GET: `{"status": "ok", "services": [...], "instance": "<data directory's id>"}`. */
  health: "health",
  /** POST `[?name=<DeliveryStreamName>]`: delivers Firehose's buffers now. */
  firehoseFlush: "firehose/flush",
  /** GET `[?name=<DeliveryStreamName>]`: what Firehose buffers and has delivered. */
  firehoseBuffers: "firehose/buffers",
  /** GET lists the faults in force, POST sets some, DELETE clears them. */
  faults: "faults",
} as const;

export type ControlRoute = (typeof CONTROL_ROUTES)[keyof typeof CONTROL_ROUTES];

/** `/_emulator/<route>`. */
export function controlPath(route: ControlRoute): string {
  return `${CONTROL_PATH_PREFIX}${route}`;
}
