import type { HttpResponse } from "../protocol/HttpExchange";

/** A control route's answer: JSON, typed by what the route promises (controlAnswers.ts). */
export function controlResponse<T>(statusCode: number, body: T): HttpResponse {
  return { statusCode, headers: { "content-type": "application/json" }, body: JSON.stringify(body) };
}
