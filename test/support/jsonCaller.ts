import type { Agent } from "node:http";
import { sendHttp1, type FuzzRequest, type Outcome } from "./fuzzHttp";

/** One JSON request and what came back: every exchange of a fuzz run is judged, not only the last. */
export interface Exchange {
  readonly request: FuzzRequest;
  readonly outcome: Outcome;
  /** The parsed body of a 200 (or of an error), undefined when it is not JSON. */
  readonly body: Record<string, unknown> | undefined;
}

/** Calls the emulator's JSON services over raw HTTP/1.1, as the AWS CLI does, with no SDK validation in the way. */
export class JsonCaller {
  constructor(
    private readonly port: number,
    private readonly agent: Agent,
    private readonly timeoutMs: number,
  ) {}

  async call(target: string, input: unknown, label = target): Promise<Exchange> {
    const request: FuzzRequest = {
      label,
      method: "POST",
      path: "/",
      headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": target },
      body: Buffer.from(JSON.stringify(input)),
    };
    const outcome = await sendHttp1(this.port, this.agent, request, this.timeoutMs);
    let body: Record<string, unknown> | undefined;
    if (outcome.kind === "answer") {
      try {
        const parsed: unknown = JSON.parse(outcome.body.toString("utf8"));
        body = typeof parsed === "object" && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
      } catch {
        body = undefined;
      }
    }
    return { request, outcome, body };
  }
}
