import type { Readable } from "node:stream";

/**
 * An answer whose body is written as it is produced, not JSON known at once: SubscribeToShard's event stream
 * (`application/vnd.amazon.eventstream`), which stays open for minutes while records arrive. jsonResponse.ts writes
 * it with the usual request-id headers and hands `body` to the server, which pipes it to the client.
 */
export class StreamedAnswer {
  constructor(
    readonly contentType: string,
    readonly body: Readable,
  ) {}
}
