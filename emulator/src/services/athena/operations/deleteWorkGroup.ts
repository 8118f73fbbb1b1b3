import type { DeleteWorkGroupInput, DeleteWorkGroupOutput } from "@aws-sdk/client-athena";
import { operation } from "../../../server/JsonService";
import { boolean, structure } from "../../../server/shapes";
import { workGroupName } from "../athenaShapes";
import type { AthenaState } from "../state/AthenaState";

export const deleteWorkGroupInput = structure({ WorkGroup: workGroupName, RecursiveDeleteOption: boolean() }, ["WorkGroup"]);

export function deleteWorkGroup(state: AthenaState) {
  return operation<DeleteWorkGroupInput, DeleteWorkGroupOutput, typeof deleteWorkGroupInput>({
    input: deleteWorkGroupInput,
    handle: async (input) => {
      await state.workGroups.delete(input.WorkGroup);
      return {};
    },
  });
}
