import type { HttpRequest, HttpResponse } from "../protocol/HttpExchange";
import type { JsonService, RequestContext } from "../server/JsonService";

/** What every service gets when the emulator starts. */
export interface ServiceEnvironment {
  /** This service's own folder under the data directory (created before the service opens). */
  readonly directory: string;
  readonly context: RequestContext;
  readonly log: (message: string) => void;
}

/** A running service: its protocol face (JSON operations or a REST handler) and its lifecycle. */
export interface EmulatorService {
  readonly json?: JsonService;
  /** REST services (S3) answer requests that carry no X-Amz-Target. */
  readonly rest?: (request: HttpRequest) => Promise<HttpResponse>;
  /** Finishes pending work (Firehose buffers) and closes files. */
  close(): Promise<void>;
}
