// Not AWS: the `iam.latency` fault (docs/emulator.md, "Faults (not AWS)").
import { setTimeout as sleep } from "node:timers/promises";
import type { QueryAction, QueryService } from "../server/query/QueryService";

/** The same query service, each of its actions answered `delayMs()` late (read at each request). */
export function delayedQueryService(service: QueryService, delayMs: () => number): QueryService {
  const delayed = (action: QueryAction): QueryAction => async (request) => {
    const ms = delayMs();
    if (ms > 0) {
      await sleep(ms);
    }
    return action(request);
  };
  return { ...service, actions: Object.fromEntries(Object.entries(service.actions).map(([name, action]) => [name, delayed(action)])) };
}
