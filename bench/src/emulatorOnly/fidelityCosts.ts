import { measureDeliveryPolicyCosts } from "./deliveryPolicyCosts";
import type { FidelityCostResults } from "./EmulatorOnlyResults";
import type { OperationTiming } from "./measureOperation";
import { measureRequestCheckCosts } from "./requestCheckCosts";
import { measureSqlFrontEndCosts } from "./sqlFrontEndCosts";

/** How long each kind of fidelity check is timed. */
export interface FidelityCostPlan {
  readonly requestChecks: OperationTiming;
  readonly deliveryPolicy: OperationTiming;
  readonly sqlFrontEnd: OperationTiming;
}

/**
 * What the emulator's fidelity to AWS costs per unit of work, timed in this process on its own functions: the Host
 * and Origin checks per request, the Firehose role's policy per delivery, the Trino front end per query.
 */
export async function measureFidelityCosts(plan: FidelityCostPlan, log: (line: string) => void): Promise<Omit<FidelityCostResults, "durationMs" | "loadAverage1mAtStart">> {
  const requestChecks = measureRequestCheckCosts(plan.requestChecks);
  for (const cost of requestChecks) log(`fidelity costs: ${cost.operation}: median ${cost.medianUs} µs, p95 ${cost.p95Us} µs`);
  const deliveryPolicy = await measureDeliveryPolicyCosts(plan.deliveryPolicy);
  for (const cost of deliveryPolicy) log(`fidelity costs: ${cost.operation}: median ${cost.medianUs} µs, p95 ${cost.p95Us} µs`);
  const sqlFrontEnd = measureSqlFrontEndCosts(plan.sqlFrontEnd);
  for (const query of sqlFrontEnd) log(`fidelity costs: ${query.name}: parse median ${query.parse.medianUs} µs (first ${query.firstParseMs} ms), analysis median ${query.analysis.medianUs} µs`);
  return { requestChecks, deliveryPolicy, sqlFrontEnd };
}
