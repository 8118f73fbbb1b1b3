// Not AWS: the `iam.latency` fault (docs/emulator.md, "Faults (not AWS)").
import { setTimeout as sleep } from "node:timers/promises";
import type { QueryAction, QueryService } from "../server/query/QueryService";
import { lazyOperationTable } from "../services/lazyOperationTable";

/** The same query service, each of its actions answered `delayMs()` late (read at each request). */
export function delayedQueryService(service: QueryService, delayMs: () => number): QueryService {
  const delayed = (action: QueryAction): QueryAction => async (request) => {
    const ms = delayMs();
    if (ms > 0) {
      await sleep(ms);
    }
    return action(request);
  };
  // Wrapped on the first request, so that a table loaded on first use (lazyOperationTable.ts) still is.
  return { ...service, actions: lazyOperationTable(() => Object.fromEntries(Object.entries(service.actions).map(([name, action]) => [name, delayed(action)]))) };
}
