import { join } from "node:path";
import type { HttpRequest, HttpResponse } from "../../protocol/HttpExchange";
import type { EmulatorService, ServiceEnvironment } from "../EmulatorService";
import { inProcessObjects } from "./inProcessObjects";
import type { S3Objects } from "./S3Objects";
import { FileObjectStore } from "./storage/FileObjectStore";
import { FileUploadStore } from "./storage/FileUploadStore";

export interface S3ServiceOptions {
  /** Largest PutObject or UploadPart body; S3's 5 GiB unless a test wants less. */
  readonly maxUploadBytes?: number;
  /** Injected fault (not AWS): true while CreateBucket must answer 409 OperationAborted. */
  readonly createBucketAborted?: () => boolean;
}

/**
 * S3 over REST-XML, path-style (`/bucket/key`) or virtual-hosted (`bucket.localhost`), with objects as
 * plain files under the service's folder (see storage/FileObjectStore.ts for the layout and
 * storage/keyPath.ts for how keys become paths).
 */
export async function createS3Service(environment: ServiceEnvironment, options: S3ServiceOptions = {}): Promise<EmulatorService & { readonly objects: S3Objects }> {
  const store = await FileObjectStore.open(environment.directory, { now: environment.context.now, log: environment.log, region: environment.context.region });
  const uploads = await FileUploadStore.open(join(environment.directory, ".uploads"), join(environment.directory, ".staging"), environment.context.now);
  // The REST face (request parsing, operations, XML) loads on the first S3 request, not before the emulator listens.
  let handler: ((http: HttpRequest) => Promise<HttpResponse>) | undefined;
  const rest = async (http: HttpRequest): Promise<HttpResponse> => {
    handler ??= (require("./s3RestHandler") as typeof import("./s3RestHandler")).s3RestHandler(store, uploads, {
      region: environment.context.region,
      log: environment.log,
      ...(options.maxUploadBytes === undefined ? {} : { maxUploadBytes: options.maxUploadBytes }),
      ...(options.createBucketAborted === undefined ? {} : { createBucketAborted: options.createBucketAborted }),
    });
    return handler(http);
  };

  return {
    rest,
    objects: inProcessObjects(store),
    close: () => store.close(),
  };
}
