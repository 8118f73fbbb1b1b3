// Source: the Authorization header of Signature Version 4 (https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html).
import { headerValue, type HttpRequest } from "../protocol/HttpExchange";

/** Who sent a request, as far as the emulator can tell: the access key of its signature, if it was signed. */
export interface Caller {
  readonly accessKeyId?: string;
}

/**
 * The signature's access key as the client stated it in `Authorization: AWS4-HMAC-SHA256 Credential=<key>/...`
 * (checked only when the emulator checks credentials); none for an unsigned request.
 */
export function callerOf(request: HttpRequest): Caller {
  const authorization = headerValue(request.headers, "authorization");
  const accessKeyId = authorization === undefined ? undefined : /Credential=([^/\s,]+)\//.exec(authorization)?.[1];
  return accessKeyId === undefined ? {} : { accessKeyId };
}
