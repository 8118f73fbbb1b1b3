import type { CreateWorkGroupInput, CreateWorkGroupOutput } from "@aws-sdk/client-athena";
import { operation } from "../../../server/JsonService";
import { boolean, list, string, structure } from "../../../server/shapes";
import { resultConfiguration, workGroupName } from "../athenaShapes";
import type { AthenaState } from "../state/AthenaState";

export const createWorkGroupInput = structure(
  {
    Name: workGroupName,
    Configuration: structure({ ResultConfiguration: resultConfiguration, EnforceWorkGroupConfiguration: boolean(), PublishCloudWatchMetricsEnabled: boolean(), RequesterPaysEnabled: boolean() }),
    Description: string({ min: 0, max: 1024 }),
    Tags: list(structure({ Key: string({ min: 1, max: 128 }), Value: string({ min: 0, max: 256 }) }, ["Key"])),
  },
  ["Name"],
);

export function createWorkGroup(state: AthenaState) {
  return operation<CreateWorkGroupInput, CreateWorkGroupOutput, typeof createWorkGroupInput>({
    input: createWorkGroupInput,
    handle: async (input) => {
      const outputLocation = input.Configuration?.ResultConfiguration?.OutputLocation;
      await state.workGroups.create({
        name: input.Name,
        ...(input.Description === undefined ? {} : { description: input.Description }),
        ...(outputLocation === undefined ? {} : { outputLocation }),
        enforce: input.Configuration?.EnforceWorkGroupConfiguration ?? true,
        createdMs: state.now(),
      });
      return {};
    },
  });
}
