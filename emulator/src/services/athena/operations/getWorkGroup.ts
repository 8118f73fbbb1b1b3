import type { GetWorkGroupInput, GetWorkGroupOutput } from "@aws-sdk/client-athena";
import { operation } from "../../../server/JsonService";
import { structure } from "../../../server/shapes";
import { workGroupName } from "../athenaShapes";
import type { AthenaState } from "../state/AthenaState";

export const getWorkGroupInput = structure({ WorkGroup: workGroupName }, ["WorkGroup"]);

export function getWorkGroup(state: AthenaState) {
  return operation<GetWorkGroupInput, GetWorkGroupOutput, typeof getWorkGroupInput>({
    input: getWorkGroupInput,
    handle: (input) => ({ WorkGroup: state.workGroups.describe(input.WorkGroup) }),
  });
}
