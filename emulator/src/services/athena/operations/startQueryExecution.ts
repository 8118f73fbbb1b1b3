import type { StartQueryExecutionInput, StartQueryExecutionOutput } from "@aws-sdk/client-athena";
import { operation } from "../../../server/JsonService";
import { list, string, structure, type ValidatedInput } from "../../../server/shapes";
import { invalidRequest } from "../errors/athenaErrors";
import { resultConfiguration, workGroupName } from "../athenaShapes";
import type { AthenaState } from "../state/AthenaState";

export const startQueryExecutionInput = structure(
  {
    QueryString: string({ min: 1, max: 262144 }),
    ClientRequestToken: string({ min: 32, max: 128 }),
    QueryExecutionContext: structure({ Database: string({ min: 1, max: 255 }), Catalog: string({ min: 1, max: 256 }) }),
    ResultConfiguration: resultConfiguration,
    WorkGroup: workGroupName,
    ExecutionParameters: list(string({ min: 1, max: 1024 }), { min: 1 }),
  },
  ["QueryString"],
);

export function startQueryExecution(state: AthenaState) {
  /** Tokens whose statement is still being parsed (off the event loop): a retry waits for the same execution. */
  const starting = new Map<string, Promise<string>>();
  return operation<StartQueryExecutionInput, StartQueryExecutionOutput, typeof startQueryExecutionInput>({
    input: startQueryExecutionInput,
    handle: async (input) => {
      const token = input.ClientRequestToken;
      if (token !== undefined) {
        const earlier = state.requestTokens.get(token) ?? (await starting.get(token));
        if (earlier !== undefined) {
          return { QueryExecutionId: earlier };
        }
      }
      const started = start(input);
      if (token === undefined) return { QueryExecutionId: await started };
      starting.set(token, started);
      try {
        return { QueryExecutionId: await started };
      } finally {
        starting.delete(token);
      }
    },
  });

  async function start(input: ValidatedInput<StartQueryExecutionInput, typeof startQueryExecutionInput>): Promise<string> {
    const workGroupName = input.WorkGroup ?? "primary";
    const workGroup = state.workGroups.get(workGroupName);
    const outputLocation = workGroup.enforce ? (workGroup.outputLocation ?? input.ResultConfiguration?.OutputLocation) : (input.ResultConfiguration?.OutputLocation ?? workGroup.outputLocation);
    if (outputLocation === undefined) {
      throw invalidRequest("No output location provided. An output location is required either through the Workgroup result configuration setting or as an API input.");
    }
    if (input.ExecutionParameters !== undefined) {
      throw invalidRequest("ExecutionParameters are not supported by the gpu-stream emulator");
    }
    const execution = await state.executions.start({
      query: input.QueryString,
      workGroup: workGroupName,
      database: input.QueryExecutionContext?.Database,
      catalog: input.QueryExecutionContext?.Catalog,
      outputLocation,
      enforcedOutputLocation: workGroup.enforce && workGroup.outputLocation !== undefined,
    });
    if (input.ClientRequestToken !== undefined) {
      state.requestTokens.set(input.ClientRequestToken, execution.id);
    }
    return execution.id;
  }
}
